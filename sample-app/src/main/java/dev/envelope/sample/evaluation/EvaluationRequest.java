package dev.envelope.sample.evaluation;

import java.util.List;

/**
 * What the caller asked to evaluate, as sent, before any validation.
 *
 * @param deploymentId the deployment to evaluate (required)
 * @param dataset a dataset of the {@link DatasetCatalog} (required)
 * @param metrics the metrics to compute, each one the dataset supports (required, not empty)
 * @param sampleCount how many samples to evaluate; absent means the whole dataset
 * @param gpuCount GPUs for the evaluation workers; absent means 1
 */
public record EvaluationRequest(
    String deploymentId,
    String dataset,
    List<String> metrics,
    Integer sampleCount,
    Integer gpuCount) {

  /** Copies the metrics so the request never changes after binding. */
  public EvaluationRequest {
    metrics = metrics == null ? null : List.copyOf(metrics);
  }
}
