package dev.envelope.sample.evaluation;

import dev.envelope.sample.serving.InvalidRequestException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the meaning of an {@link EvaluationRequest} whose fields already have the right types.
 * Fields are checked in declaration order and the first problem is reported.
 */
public final class EvaluationValidator {

  /** Most metrics one job may compute. */
  public static final int MAX_METRICS = 8;

  /** Largest {@code gpu_count} accepted at all. */
  public static final int MAX_GPU_COUNT = 64;

  private final DatasetCatalog datasets;

  /** Creates a validator accepting the datasets of {@code datasets}. */
  public EvaluationValidator(DatasetCatalog datasets) {
    this.datasets = datasets;
  }

  /**
   * Checks {@code body} and returns its dataset.
   *
   * @throws InvalidRequestException describing the first problem found
   */
  public Dataset validate(EvaluationRequest body) {
    if (body == null) {
      throw invalid("request body is required");
    }
    if (body.deploymentId() == null || body.deploymentId().isBlank()) {
      throw invalid("deployment_id is required");
    }
    if (body.dataset() == null) {
      throw invalid("dataset is required");
    }
    Dataset dataset = datasets.find(body.dataset()).orElseThrow(() -> invalid(
        "unknown dataset '" + body.dataset() + "' (known: " + String.join(", ", datasets.names())
            + ")"));
    validateMetrics(body, dataset);
    if (body.sampleCount() != null && body.sampleCount() <= 0) {
      throw invalid("sample_count must be greater than 0");
    }
    if (body.gpuCount() != null && (body.gpuCount() <= 0 || body.gpuCount() > MAX_GPU_COUNT)) {
      throw invalid("gpu_count must be from 1 to " + MAX_GPU_COUNT);
    }
    return dataset;
  }

  private static void validateMetrics(EvaluationRequest body, Dataset dataset) {
    if (body.metrics() == null || body.metrics().isEmpty()) {
      throw invalid("metrics must name at least one metric");
    }
    if (body.metrics().size() > MAX_METRICS) {
      throw invalid("metrics must name at most " + MAX_METRICS + " metrics");
    }
    Set<String> seen = new HashSet<>();
    for (String metric : body.metrics()) {
      if (!dataset.metrics().contains(metric)) {
        throw invalid("metric '" + metric + "' is not available on " + dataset.name()
            + " (available: " + String.join(", ", new TreeSet<>(dataset.metrics())) + ")");
      }
      if (!seen.add(metric)) {
        throw invalid("metric '" + metric + "' is named twice");
      }
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(message);
  }
}
