package dev.envelope.sample.serving;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The serving engines this backend supports and the version each one resolves to. */
public final class EngineCatalog {

  // Sorted so that error messages list the engines in a stable order.
  private final SortedMap<String, String> versionsByEngine;

  /** Creates a catalog from engine name to resolved version string. */
  public EngineCatalog(Map<String, String> versionsByEngine) {
    this.versionsByEngine = Collections.unmodifiableSortedMap(new TreeMap<>(versionsByEngine));
  }

  /** {@code vllm} → {@code vllm-0.6}, {@code tgi} → {@code tgi-2.4}, {@code triton} → {@code triton-24.08}. */
  public static EngineCatalog standard() {
    return new EngineCatalog(Map.of("vllm", "vllm-0.6", "tgi", "tgi-2.4", "triton", "triton-24.08"));
  }

  /** The resolved version of {@code engine}, empty when it is not supported. */
  public Optional<String> version(String engine) {
    return engine == null ? Optional.empty() : Optional.ofNullable(versionsByEngine.get(engine));
  }

  /** The supported engine names, sorted. */
  public Set<String> engines() {
    return versionsByEngine.keySet();
  }
}
