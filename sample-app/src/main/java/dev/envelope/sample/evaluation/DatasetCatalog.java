package dev.envelope.sample.evaluation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The evaluation datasets this backend knows. */
public final class DatasetCatalog {

  // Sorted so that error messages list the datasets in a stable order.
  private final SortedMap<String, Dataset> byName = new TreeMap<>();

  /** Creates a catalog of {@code datasets}. */
  public DatasetCatalog(List<Dataset> datasets) {
    for (Dataset dataset : datasets) {
      if (byName.put(dataset.name(), dataset) != null) {
        throw new IllegalArgumentException("duplicate dataset " + dataset.name());
      }
    }
  }

  /** {@code gsm8k}, {@code humaneval}, {@code mmlu} and {@code truthfulqa}. */
  public static DatasetCatalog standard() {
    return new DatasetCatalog(List.of(
        new Dataset("mmlu", 14_042, Set.of("accuracy")),
        new Dataset("gsm8k", 1_319, Set.of("accuracy", "exact_match")),
        new Dataset("humaneval", 164, Set.of("pass_at_1", "pass_at_10")),
        new Dataset("truthfulqa", 817, Set.of("accuracy", "bleu", "rouge_l"))));
  }

  /** The dataset called {@code name}, empty when unknown. */
  public Optional<Dataset> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
  }

  /** The dataset names, sorted. */
  public Set<String> names() {
    return byName.keySet();
  }
}
