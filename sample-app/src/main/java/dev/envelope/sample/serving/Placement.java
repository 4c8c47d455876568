package dev.envelope.sample.serving;

import dev.envelope.annotations.Grant;
import java.math.BigDecimal;

/**
 * Places a deployment on a node of the inventory. First fit in inventory order for the whole
 * (already capped) ask; when no node has that much free, the largest half-GPU multiple free on any
 * matching node is granted instead, so a caller gets a narrowed grant rather than a refusal while
 * anything useful is left.
 */
public final class Placement {

  private final Inventory inventory;
  private final EngineCatalog engines;

  /** Creates a placement step over {@code inventory}, resolving engine versions from {@code engines}. */
  public Placement(Inventory inventory, EngineCatalog engines) {
    this.inventory = inventory;
    this.engines = engines;
  }

  /**
   * Reserves GPUs for {@code body} and says where. The agent records the returned allocation as
   * the grant; {@code node} and {@code backend} describe resolution rather than granted resources.
   *
   * @param body the validated request (engine and location are read from it)
   * @param cappedGpus the ask after the narrowing policy, a positive multiple of 0.5
   * @throws NoCapacityException when no matching node has even 0.5 GPU free
   */
  @Grant(resolution = {"node", "backend"})
  public Allocation place(DeployModelRequest body, BigDecimal cappedGpus) {
    String engine = body.engine();
    String version = engines.version(engine)
        .orElseThrow(() -> new InvalidRequestException("unsupported engine '" + engine + "'"));
    synchronized (inventory) {
      for (GpuNode node : inventory.nodes()) {
        if (node.matches(engine, body.location())
            && inventory.free(node).compareTo(cappedGpus) >= 0) {
          return reserve(node, cappedGpus, version);
        }
      }
      GpuNode roomiest = null;
      BigDecimal largest = BigDecimal.ZERO;
      for (GpuNode node : inventory.nodes()) {
        if (node.matches(engine, body.location())) {
          BigDecimal grant = GpuAmounts.floorToStep(inventory.free(node));
          if (grant.compareTo(largest) > 0) {
            roomiest = node;
            largest = grant;
          }
        }
      }
      if (roomiest == null || largest.compareTo(GpuAmounts.STEP) < 0) {
        throw new NoCapacityException("no " + engine + " node"
            + (body.location() == null ? "" : " in " + body.location())
            + " has " + GpuAmounts.STEP + " GPU free");
      }
      return reserve(roomiest, largest, version);
    }
  }

  /**
   * Gives back what {@link #place} reserved, when the deployment it was for did not come about.
   * Not a grant: it changes no envelope.
   */
  public void undo(Allocation allocation) {
    inventory.release(allocation.node(), allocation.gpuCount());
  }

  private Allocation reserve(GpuNode node, BigDecimal gpus, String version) {
    inventory.reserve(node, gpus);
    return new Allocation(GpuAmounts.normalize(gpus), version, node.name(), node.backend());
  }
}
