package dev.envelope.sample.evaluation;

import java.util.Objects;
import java.util.Set;

/**
 * An evaluation dataset of the fixed catalog.
 *
 * @param name e.g. {@code mmlu}
 * @param samples how many samples it has
 * @param metrics the metrics that make sense on it
 */
public record Dataset(String name, int samples, Set<String> metrics) {

  /** Copies the metric set so a dataset never changes after the catalog is built. */
  public Dataset {
    Objects.requireNonNull(name, "name");
    metrics = Set.copyOf(metrics);
  }
}
