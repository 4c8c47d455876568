package dev.envelope.sample.serving;

import java.math.BigDecimal;

/**
 * What decommissioning gave back: the amount goes to an envelope's {@code granted} family, the
 * node to its {@code resolution}.
 *
 * @param releasedGpuCount GPUs returned to the inventory
 * @param node the node they were returned to
 */
public record Release(BigDecimal releasedGpuCount, String node) {}
