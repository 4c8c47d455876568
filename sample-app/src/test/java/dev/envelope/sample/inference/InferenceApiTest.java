package dev.envelope.sample.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.ActiveDeployment;
import dev.envelope.sample.serving.DeploymentRegistry;
import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NotFoundException;
import dev.envelope.sample.serving.NotPermittedException;
import dev.envelope.sample.serving.RequestContext;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InferenceApiTest {

  private final DeploymentRegistry registry = new DeploymentRegistry();
  private final InferenceApi api = InferenceApi.standard(registry);

  static RequestContext caller(String tenant, String role) {
    return new RequestContext("urn:user:test", tenant, "req-test", role, "secret-token");
  }

  @BeforeEach
  void deploy() {
    registry.add(new ActiveDeployment("dep-1", "acme", "m", "vllm", "gpu-node-1", BigDecimal.ONE));
    registry.add(new ActiveDeployment("dep-2", "acme", "m", "triton", "gpu-node-2",
        new BigDecimal("0.5")));
  }

  @Test
  void narrowsTheOutputAndAnswersWithASimulatedCompletion() {
    Completion completion = api.infer(caller("acme", "tenant_admin"), "dep-1",
        InferenceRequest.of("x".repeat(1000), 4096, null, true, null), "ws-7", "full");

    assertThat(completion).isEqualTo(new Completion("dep-1", "dep-1-r1", "gpu-node-1", 2048, 20,
        true, 2048, "(simulated)"));
  }

  @Test
  void usesTheDefaultBudgetAndAnswersFourCharactersPerPromptCharacter() {
    Completion completion = api.infer(caller("acme", "member"), "dep-2",
        InferenceRequest.of("hello", null, null, true, null), null, null);

    assertThat(completion.maxOutputLen()).isEqualTo(InferenceValidator.DEFAULT_MAX_OUTPUT_LEN);
    assertThat(completion.outputLen()).isEqualTo(20);
    assertThat(completion.stream()).isFalse();
    assertThat(completion.rateLimitRps()).isEqualTo(5);
  }

  @Test
  void refusesUnknownForeignAndInvalidRequests() {
    InferenceRequest ok = InferenceRequest.of("hi", null, null, null, null);

    assertThatThrownBy(() -> api.infer(caller("acme", "member"), "dep-9", ok, null, null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> api.infer(caller("globex", "service"), "dep-1", ok, null, null))
        .isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> api.infer(caller("acme", "guest"), "dep-1", ok, null, null))
        .isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> api.infer(caller("acme", "member"), "dep-1",
        InferenceRequest.of("", null, null, null, null), null, null))
        .isInstanceOf(InvalidRequestException.class);
  }
}
