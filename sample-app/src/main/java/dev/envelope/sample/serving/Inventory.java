package dev.envelope.sample.serving;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fixed set of GPU nodes and how many GPUs each still has free. Successful placements consume
 * capacity and only deleting a deployment gives it back, so a fresh process answers a request
 * sequence the same way every time.
 *
 * <p>Callers that read and then reserve must hold this object's monitor across both steps.
 */
public final class Inventory {

  private final List<GpuNode> nodes;
  private final Map<String, BigDecimal> freeByNode = new LinkedHashMap<>();

  /** Creates an inventory with every node entirely free; node order is the placement order. */
  public Inventory(List<GpuNode> nodes) {
    this.nodes = List.copyOf(nodes);
    for (GpuNode node : this.nodes) {
      if (freeByNode.put(node.name(), node.totalGpus()) != null) {
        throw new IllegalArgumentException("duplicate node " + node.name());
      }
    }
  }

  /** Three nodes: two in {@code us-west} (4 and 2 GPUs), one in {@code us-east} (1 GPU). */
  public static Inventory standard() {
    return new Inventory(List.of(
        new GpuNode("gpu-node-1", "us-west", new BigDecimal("4"), Set.of("vllm", "tgi"), "ray-actor"),
        new GpuNode("gpu-node-2", "us-west", new BigDecimal("2"), Set.of("vllm", "triton"), "k8s-pod"),
        new GpuNode("gpu-node-3", "us-east", new BigDecimal("1"), Set.of("vllm", "tgi", "triton"),
            "ray-actor")));
  }

  /** The nodes, in placement order. */
  public List<GpuNode> nodes() {
    return nodes;
  }

  /** The locations any node is in, sorted. */
  public Set<String> locations() {
    Set<String> locations = new TreeSet<>();
    nodes.forEach(node -> locations.add(node.location()));
    return locations;
  }

  /** GPUs still free on {@code node}. */
  public synchronized BigDecimal free(GpuNode node) {
    return freeByNode.get(node.name());
  }

  /**
   * Takes {@code amount} GPUs from {@code node}.
   *
   * @throws IllegalStateException if the node has less than that free
   */
  public synchronized void reserve(GpuNode node, BigDecimal amount) {
    BigDecimal left = freeByNode.get(node.name()).subtract(amount);
    if (left.signum() < 0) {
      throw new IllegalStateException(node.name() + " has less than " + amount + " GPUs free");
    }
    freeByNode.put(node.name(), left);
  }

  /**
   * Gives {@code amount} GPUs back to the node named {@code nodeName}.
   *
   * @throws IllegalArgumentException for a node this inventory does not have
   * @throws IllegalStateException if the node would then have more free than it has in all
   */
  public synchronized void release(String nodeName, BigDecimal amount) {
    GpuNode node = nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + nodeName));
    BigDecimal free = freeByNode.get(nodeName).add(amount);
    if (free.compareTo(node.totalGpus()) > 0) {
      throw new IllegalStateException(nodeName + " cannot get back more than its "
          + node.totalGpus() + " GPUs");
    }
    freeByNode.put(nodeName, free);
  }
}
