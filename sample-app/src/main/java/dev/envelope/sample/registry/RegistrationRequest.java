package dev.envelope.sample.registry;

import java.math.BigDecimal;

/**
 * A placed deployment that a serving backend asks the registry to list, as sent. Every component
 * may be absent; {@link ModelRegistry#register} checks them.
 *
 * @param deploymentId the serving backend's id, e.g. {@code dep-000001}
 * @param tenantId the tenant that deployed it
 * @param model the model it serves
 * @param engine the engine name as asked, e.g. {@code vllm}
 * @param node the node it was placed on
 * @param gpuCount the GPUs it was granted
 */
public record RegistrationRequest(
    String deploymentId,
    String tenantId,
    String model,
    String engine,
    String node,
    BigDecimal gpuCount) {}
