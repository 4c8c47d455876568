package dev.envelope.sample.serving;

import dev.envelope.annotations.Grant;

/** Gives a deleted deployment's GPUs back to the inventory, so later deployments fit again. */
public final class Decommissioner {

  private final Inventory inventory;

  /** Creates a decommissioner returning GPUs to {@code inventory}. */
  public Decommissioner(Inventory inventory) {
    this.inventory = inventory;
  }

  /**
   * Frees what {@code deployment} held. The agent records the returned release as the grant of a
   * maintenance envelope; {@code node} describes resolution rather than a granted resource.
   */
  @Grant(resolution = {"node"})
  public Release release(ActiveDeployment deployment) {
    inventory.release(deployment.node(), deployment.gpuCount());
    return new Release(GpuAmounts.normalize(deployment.gpuCount()), deployment.node());
  }
}
