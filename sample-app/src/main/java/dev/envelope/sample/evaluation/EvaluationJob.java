package dev.envelope.sample.evaluation;

import java.util.List;

/**
 * A queued evaluation job, as answered to the client.
 *
 * @param jobId e.g. {@code eval-000001}
 * @param status always {@code queued}: jobs are accepted, not run, by this backend
 * @param deploymentId the deployment under evaluation
 * @param dataset the dataset
 * @param metrics the metrics to compute
 * @param sampleCount samples granted
 * @param gpuCount GPUs granted
 * @param queue the queue it waits in
 */
public record EvaluationJob(
    String jobId,
    String status,
    String deploymentId,
    String dataset,
    List<String> metrics,
    int sampleCount,
    int gpuCount,
    String queue) {

  /** Copies the metrics so the answer never changes afterwards. */
  public EvaluationJob {
    metrics = List.copyOf(metrics);
  }
}
