package dev.envelope.sample.serving;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * A GPU node of the fixed inventory.
 *
 * @param name e.g. {@code gpu-node-1}
 * @param location the region it is in, e.g. {@code us-west}
 * @param totalGpus GPUs it has in all
 * @param engines the engines it can run
 * @param backend how it runs deployments, e.g. {@code ray-actor} or {@code k8s-pod}
 */
public record GpuNode(
    String name, String location, BigDecimal totalGpus, Set<String> engines, String backend) {

  /** Copies the engine set so a node never changes after the inventory is built. */
  public GpuNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(totalGpus, "totalGpus");
    Objects.requireNonNull(backend, "backend");
    engines = Set.copyOf(engines);
  }

  /** Whether this node can run {@code engine} in {@code location} ({@code null}: anywhere). */
  public boolean matches(String engine, String location) {
    return engines.contains(engine) && (location == null || this.location.equals(location));
  }
}
