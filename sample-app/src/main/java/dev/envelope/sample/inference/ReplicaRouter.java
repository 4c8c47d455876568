package dev.envelope.sample.inference;

import dev.envelope.annotations.Grant;
import dev.envelope.sample.serving.ActiveDeployment;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Picks the replica of a deployment that serves a call. A deployment runs one replica per half
 * GPU it holds, and calls go round-robin over them, counted per deployment from a fresh start so
 * the same sequence always lands on the same replicas.
 */
public final class ReplicaRouter {

  private static final BigDecimal GPUS_PER_REPLICA = new BigDecimal("0.5");

  private final Map<String, Long> callsByDeployment = new HashMap<>();

  /**
   * Routes one call with the limits already decided. The agent records the returned grant; {@code
   * node} and {@code replica_id} describe resolution rather than granted resources.
   */
  @Grant(resolution = {"node", "replica_id"})
  public InferenceGrant route(ActiveDeployment deployment, int maxOutputLen, int rateLimitRps,
      boolean stream) {
    int replicas = Math.max(1,
        deployment.gpuCount().divideToIntegralValue(GPUS_PER_REPLICA).intValue());
    long call;
    synchronized (callsByDeployment) {
      call = callsByDeployment.merge(deployment.deploymentId(), 1L, Long::sum);
    }
    long replica = (call - 1) % replicas + 1;
    return new InferenceGrant(maxOutputLen, rateLimitRps, stream, deployment.node(),
        deployment.deploymentId() + "-r" + replica);
  }
}
