package dev.envelope.sample.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.NotPermittedException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluationQuotaPolicyTest {

  private final EvaluationQuotaPolicy policy = EvaluationQuotaPolicy.standard();
  private final Dataset mmlu = new Dataset("mmlu", 14_042, Set.of("accuracy"));
  private final Dataset humaneval = new Dataset("humaneval", 164, Set.of("pass_at_1"));

  @Test
  void capsSamplesByRoleAndByTheDatasetSize() {
    assertThat(policy.samples("tenant_admin", 5000, mmlu)).isEqualTo(1000);
    assertThat(policy.samples("member", 5000, mmlu)).isEqualTo(200);
    assertThat(policy.samples("service", 5000, mmlu)).isEqualTo(5000);
    assertThat(policy.samples("service", 5000, humaneval)).isEqualTo(164);
    assertThat(policy.samples("member", 50, mmlu)).isEqualTo(50);
  }

  @Test
  void anAbsentAskMeansTheWholeDatasetWithinTheCap() {
    assertThat(policy.samples("service", null, humaneval)).isEqualTo(164);
    assertThat(policy.samples("tenant_admin", null, mmlu)).isEqualTo(1000);
  }

  @Test
  void capsGpusByRoleAndDefaultsToOne() {
    assertThat(policy.gpus("tenant_admin", 4)).isEqualTo(2);
    assertThat(policy.gpus("member", 4)).isEqualTo(1);
    assertThat(policy.gpus("service", 3)).isEqualTo(3);
    assertThat(policy.gpus("service", null)).isEqualTo(1);
  }

  @Test
  void unknownRolesGetNothing() {
    assertThatThrownBy(() -> policy.gpus("guest", 1)).isInstanceOf(NotPermittedException.class)
        .hasMessage("role 'guest' may not run evaluations");
  }
}
