package dev.envelope.sample.serving;

import java.math.BigDecimal;
import java.util.List;

/**
 * A deployment that was deleted, as answered to the client.
 *
 * @param deploymentId the deployment that is gone
 * @param node the node it ran on
 * @param releasedGpuCount GPUs given back to that node
 * @param cancelledJobs evaluation jobs that were queued against it and are now cancelled
 */
public record DeletedDeployment(
    String deploymentId, String node, BigDecimal releasedGpuCount, List<String> cancelledJobs) {

  /** Copies the job list so the answer never changes afterwards. */
  public DeletedDeployment {
    cancelledJobs = List.copyOf(cancelledJobs);
  }
}
