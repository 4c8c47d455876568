package dev.envelope.sample.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.sample.serving.ActiveDeployment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaRouterTest {

  private final ReplicaRouter router = new ReplicaRouter();

  private static ActiveDeployment deployment(String id, String gpus) {
    return new ActiveDeployment(id, "acme", "m", "vllm", "gpu-node-2", new BigDecimal(gpus));
  }

  @Test
  void carriesTheDecidedLimitsAndTheNode() {
    assertThat(router.route(deployment("dep-1", "1"), 2048, 20, true))
        .isEqualTo(new InferenceGrant(2048, 20, true, "gpu-node-2", "dep-1-r1"));
  }

  @Test
  void goesRoundRobinOverOneReplicaPerHalfGpuPerDeployment() {
    List<String> replicas = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      replicas.add(router.route(deployment("dep-1", "1.5"), 1, 1, false).replicaId());
    }
    String other = router.route(deployment("dep-2", "0.5"), 1, 1, false).replicaId();

    assertThat(replicas).containsExactly("dep-1-r1", "dep-1-r2", "dep-1-r3", "dep-1-r1");
    assertThat(other).isEqualTo("dep-2-r1");
  }
}
