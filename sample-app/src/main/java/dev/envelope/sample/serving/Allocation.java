package dev.envelope.sample.serving;

import java.math.BigDecimal;

/**
 * What placement granted: the amount and engine version go to an envelope's {@code granted}
 * family, the node and backend to its {@code resolution}.
 *
 * @param gpuCount GPUs granted, a multiple of 0.5, possibly less than asked
 * @param engine the resolved engine version, e.g. {@code vllm-0.6}
 * @param node the node the deployment runs on
 * @param backend how the node runs it, e.g. {@code ray-actor}
 */
public record Allocation(BigDecimal gpuCount, String engine, String node, String backend) {}
