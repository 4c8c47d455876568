package dev.envelope.sample.serving;

import java.math.BigDecimal;

/**
 * An admitted and placed deployment, as answered to the client.
 *
 * @param deploymentId e.g. {@code dep-000001}
 * @param servePath where the deployment is managed, e.g. {@code /serving/deployments/dep-000001}
 * @param publicPath where clients call the model, e.g. {@code /v1/models/llama-3.1-8b/dep-000001}
 * @param node the node it was placed on
 * @param gpuCount GPUs granted
 * @param engine the resolved engine version
 * @param catalogId the model registry's catalog entry, or {@code null} when no registry is used
 */
public record Deployment(
    String deploymentId,
    String servePath,
    String publicPath,
    String node,
    BigDecimal gpuCount,
    String engine,
    String catalogId) {

  /** A deployment that no registry lists. */
  public Deployment(String deploymentId, String servePath, String publicPath, String node,
      BigDecimal gpuCount, String engine) {
    this(deploymentId, servePath, publicPath, node, gpuCount, engine, null);
  }
}
