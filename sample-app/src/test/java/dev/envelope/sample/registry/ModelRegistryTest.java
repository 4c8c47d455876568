package dev.envelope.sample.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Sensitive;
import dev.envelope.sample.serving.ConflictException;
import dev.envelope.sample.serving.InvalidRequestException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelRegistryTest {

  private static final ServiceCaller SERVING =
      new ServiceCaller("urn:service:serving", "service", "req-000001", "serving-token");

  private final ModelRegistry registry = ModelRegistry.standard();

  private static RegistrationRequest registration(String deploymentId) {
    return new RegistrationRequest(deploymentId, "acme", "llama-3.1-8b-instruct", "vllm",
        "gpu-node-1", BigDecimal.ONE);
  }

  @Test
  void listsDeploymentsUnderSequentialCatalogIds() {
    assertThat(registry.register(SERVING, registration("dep-000001")))
        .isEqualTo(new Registration("cat-000001", "dep-000001", 1));
    assertThat(registry.register(SERVING, registration("dep-000002")))
        .isEqualTo(new Registration("cat-000002", "dep-000002", 1));
  }

  @Test
  void twoFreshRegistriesAnswerAlike() {
    assertThat(ModelRegistry.standard().register(SERVING, registration("dep-000007")))
        .isEqualTo(registry.register(SERVING, registration("dep-000007")));
  }

  @Test
  void aDeploymentIsListedOnce() {
    registry.register(SERVING, registration("dep-000001"));

    assertThatThrownBy(() -> registry.register(SERVING, registration("dep-000001")))
        .isInstanceOf(ConflictException.class)
        .hasMessage("deployment 'dep-000001' is already registered");
    assertThat(registry.register(SERVING, registration("dep-000002")).catalogId())
        .as("a refused registration takes no catalog id").isEqualTo("cat-000002");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "-          | acme | m | vllm | n | 1  | deployment_id is required",
      "' '        | acme | m | vllm | n | 1  | deployment_id is required",
      "dep-1      | -    | m | vllm | n | 1  | tenant_id is required",
      "dep-1      | acme | - | vllm | n | 1  | model is required",
      "dep-1      | acme | m | -    | n | 1  | engine is required",
      "dep-1      | acme | m | vllm | - | 1  | node is required",
      "dep-1      | acme | m | vllm | n | -  | gpu_count is required",
      "dep-1      | acme | m | vllm | n | 0  | gpu_count must be positive"})
  void refusesIncompleteRegistrations(String id, String tenant, String model, String engine,
      String node, BigDecimal gpus, String message) {
    assertThatThrownBy(() -> registry.register(SERVING,
        new RegistrationRequest(id, tenant, model, engine, node, gpus)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void carriesTheAnnotationsTheAgentReads() throws Exception {
    Method register = ModelRegistry.class.getMethod("register", ServiceCaller.class,
        RegistrationRequest.class);
    ExecutionAdmission admission = register.getAnnotation(ExecutionAdmission.class);
    assertThat(admission.kind()).isEqualTo(ExecutionKind.DEPLOYMENT);
    assertThat(admission.service()).isEqualTo("registry");
    assertThat(admission.operation()).isEqualTo("register_deployment");
    assertThat(admission.result())
        .containsExactly("catalogId->catalog_id", "deploymentId->deployment_id");
    Parameter[] p = register.getParameters();
    assertThat(p[0].isAnnotationPresent(Caller.class)).isTrue();
    assertThat(p[1].isAnnotationPresent(Requested.class)).isTrue();

    Method enter = Catalog.class.getMethod("enter", RegistrationRequest.class);
    assertThat(enter.getAnnotation(Grant.class).resolution()).containsExactly("catalog_id");

    assertThat(ServiceCaller.class.getMethod("sessionToken").isAnnotationPresent(Sensitive.class))
        .isTrue();
  }

  @Test
  void noRequestedOrGrantedKeyLooksLikeASecret() {
    Pattern secret = Pattern.compile(
        "password|passwd|secret|token|api_?key|authorization|credential|private_?key|cookie",
        Pattern.CASE_INSENSITIVE);
    for (Class<?> type : new Class<?>[] {RegistrationRequest.class, CatalogEntry.class}) {
      assertThat(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName))
          .as(type.getSimpleName()).noneMatch(name -> secret.matcher(name).find());
    }
  }

  @Test
  void theCallerNeverPrintsItsToken() {
    assertThat(SERVING.toString()).doesNotContain("serving-token").contains("[REDACTED]");
  }
}
