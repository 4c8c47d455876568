package dev.envelope.it.lifecycle;

/** The values the lifecycle scenarios pass around. */
public final class Model {
  private Model() {}

  /** Who asks. */
  public record Ctx(String requesterUrn, String tenantId, String requestId) {}

  /** What is asked for. */
  public record Ask(String model, int gpuCount, String location) {}

  /** What a grant step returns. */
  public record Allocation(double gpuCount, String engine, String node) {}

  /** What an admission returns. */
  public record Deployment(String deploymentId, String node, double gpuCount, String servePath) {}
}
