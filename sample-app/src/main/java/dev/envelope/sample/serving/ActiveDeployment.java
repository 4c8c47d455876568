package dev.envelope.sample.serving;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A deployment that is running, as the backend remembers it: whose it is and what it holds.
 *
 * @param deploymentId e.g. {@code dep-000001}
 * @param tenantId the tenant that deployed it, the only one that may use or delete it
 * @param model the model it serves
 * @param engine the engine name as asked, e.g. {@code vllm}
 * @param node the node it runs on
 * @param gpuCount the GPUs it holds on that node
 */
public record ActiveDeployment(
    String deploymentId,
    String tenantId,
    String model,
    String engine,
    String node,
    BigDecimal gpuCount) {

  /** Rejects missing parts: an active deployment is only ever built after placement. */
  public ActiveDeployment {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(gpuCount, "gpuCount");
  }
}
