package dev.envelope.bench.model;

import dev.envelope.annotations.Grant;

/** The one grant step: narrows the GPU ask to at most two and places it. */
public class Placer {

  /** Recorded by the envelope agent as the grant; a plain call for everything else. */
  @Grant(resolution = {"node", "backend"})
  public Allocation place(DeployRequest request) {
    int gpus = Math.min(request.resources().gpuCount(), 2);
    return new Allocation(gpus, request.engine(), "gpu-node-1", "ray-actor");
  }
}
