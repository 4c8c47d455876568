package dev.envelope.sample.serving;

import java.math.BigDecimal;

/**
 * What the caller asked to deploy, as sent, before any validation. Numbers that may be fractional
 * are {@code BigDecimal} so half a GPU stays exactly half; every component is a reference type
 * because each may be absent.
 *
 * @param model the model to serve (required)
 * @param engine the serving engine: {@code vllm}, {@code tgi} or {@code triton} (required)
 * @param gpuCount GPUs asked for, positive, in steps of 0.5 (required)
 * @param cpu CPU cores asked for
 * @param memoryGb memory asked for, in GB
 * @param location preferred region, e.g. {@code us-west}; absent means any
 * @param concurrency concurrent requests the deployment should handle
 * @param timeoutS request timeout, in seconds
 * @param priority {@code low}, {@code normal} or {@code high}
 */
public record DeployModelRequest(
    String model,
    String engine,
    BigDecimal gpuCount,
    BigDecimal cpu,
    Integer memoryGb,
    String location,
    Integer concurrency,
    Integer timeoutS,
    String priority) {}
