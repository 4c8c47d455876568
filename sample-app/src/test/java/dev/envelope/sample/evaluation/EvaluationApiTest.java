package dev.envelope.sample.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.ActiveDeployment;
import dev.envelope.sample.serving.DeploymentRegistry;
import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NotFoundException;
import dev.envelope.sample.serving.NotPermittedException;
import dev.envelope.sample.serving.RequestContext;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvaluationApiTest {

  private final DeploymentRegistry registry = new DeploymentRegistry();
  private final EvaluationApi api = EvaluationApi.standard(registry);

  private static RequestContext caller(String tenant, String role) {
    return new RequestContext("urn:user:test", tenant, "req-test", role, "secret-token");
  }

  @BeforeEach
  void deploy() {
    registry.add(new ActiveDeployment("dep-1", "acme", "m", "vllm", "gpu-node-1", BigDecimal.ONE));
  }

  @Test
  void narrowsQueuesAndAttachesTheJobToTheDeployment() {
    EvaluationJob job = api.submitJob(caller("acme", "tenant_admin"),
        new EvaluationRequest("dep-1", "mmlu", List.of("accuracy"), 5000, 4), "ws-7", "full");

    assertThat(job).isEqualTo(new EvaluationJob("eval-000001", "queued", "dep-1", "mmlu",
        List.of("accuracy"), 1000, 2, "eval-large"));
    assertThat(registry.queuedJobs("dep-1")).containsExactly("eval-000001");
  }

  @Test
  void refusalsUseUpNoJobIds() {
    EvaluationRequest ok = new EvaluationRequest("dep-1", "gsm8k", List.of("accuracy"), 10, 1);

    assertThatThrownBy(() -> api.submitJob(caller("acme", "member"),
        new EvaluationRequest("dep-1", "imagenet", List.of("accuracy"), 10, 1), null, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> api.submitJob(caller("acme", "member"),
        new EvaluationRequest("dep-9", "gsm8k", List.of("accuracy"), 10, 1), null, null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> api.submitJob(caller("globex", "service"), ok, null, null))
        .isInstanceOf(NotPermittedException.class);

    assertThat(api.submitJob(caller("acme", "member"), ok, null, null).jobId())
        .isEqualTo("eval-000001");
    assertThat(registry.queuedJobs("dep-1")).containsExactly("eval-000001");
  }
}
