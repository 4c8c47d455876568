package dev.envelope.it.lifecycle;

import dev.envelope.it.lifecycle.Model.Allocation;
import dev.envelope.it.lifecycle.Model.Ask;

/**
 * Grant steps, with no annotations: the configuration-only run names them in
 * {@code envelope.instrument}; {@link AnnotatedPlacer} marks the same steps {@code @Grant}.
 */
public class Placer {
  /** A first, coarse grant. */
  public Allocation reserve(Ask ask) {
    return new Allocation(Math.min(ask.gpuCount(), 2), "vllm", "pending");
  }

  /** A second grant refining the first. */
  public Allocation bind(Ask ask) {
    return new Allocation(Math.min(ask.gpuCount(), 2) - 0.5, "vllm-0.6", "gpu-node-" + ask.location());
  }

  /** A {@code void} grant: what it grants are its arguments. */
  public void limit(int bandwidthMbps, String route) {
    if (bandwidthMbps < 0) {
      throw new IllegalArgumentException("negative bandwidth");
    }
  }

  /** A grant step that fails. */
  public Allocation refuse(Ask ask) {
    throw new IllegalStateException("no capacity for " + ask.gpuCount() + " GPUs in " + ask.location());
  }
}
