package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.agent.model.Family;
import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Extension;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Granted;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.annotations.Sensitive;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionPlanTest {
  private final CaptureStats stats = new CaptureStats();
  private final Flattener flattener =
      new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null), stats);

  record Principal(String name) {}

  record Ctx(Principal principal, String tenantId, String requestId, String sessionToken) {}

  record Resources(int gpuCount) {}

  record Req(String model, String engine, Resources resources) {}

  record Deployment(String deploymentId, String node, String servePath) {}

  @SuppressWarnings("unused")
  static final class Api {
    @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "serving")
    Object deployModel(@Caller Ctx c, @Requested Req r, @Scope("workspace_id") String ws,
        @Governance("audit_level") String audit, @Extension("serving.vllm") Map<String, Object> ext) {
      return null;
    }

    @ExecutionAdmission(kind = ExecutionKind.PIPELINE_STEP, service = " etl ",
        operation = "load_batch", result = {"deploymentId", "node->placed_on"})
    Deployment explicitOperation(@Scope String workspace, @Requested("limits") Resources limits,
        String notAnnotated, @Caller(fields = {"principal.name->requester_urn", "tenantId"}) Ctx c) {
      return null;
    }

    @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "serving")
    int scalarResult(@Caller("session_id") @Sensitive String session, @Granted String ignored) {
      return 0;
    }

    @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "serving")
    void sensitiveFirst(@Sensitive @Caller("pin") String pin) {}

    @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "serving")
    void badExtension(@Extension("Bad") Map<String, Object> ext) {}

    @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "serving")
    void badFields(@Requested(fields = {"a..b"}) Req r) {}

    @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "  ")
    void emptyService() {}

    void notAnnotated() {}
  }

  private static Method method(String name) {
    return Arrays.stream(Api.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Object[] deployArgs() {
    Ctx ctx = new Ctx(new Principal("urn:user:alice"), "acme", "req-42", "tok-123");
    Req req = new Req("llama-3", "vllm", new Resources(4));
    return new Object[] {ctx, req, "ws-7", "full", Map.of("maxModelLen", 8192)};
  }

  @Test
  void theExecutionDescriptorComesFromTheAnnotation() throws Exception {
    AdmissionPlan plan = AdmissionPlan.of(method("deployModel"));
    assertThat(plan.execution().asMap()).containsExactly(
        Map.entry("kind", "deployment"),
        Map.entry("service", "serving"),
        Map.entry("operation", "deploy_model"),
        Map.entry("handler", Api.class.getName() + "#deployModel"));
    assertThat(plan.spanName()).isEqualTo("serving.deploy_model");
    assertThat(Api.class.getName()).isEqualTo("dev.envelope.agent.capture.AdmissionPlanTest$Api");
  }

  @Test
  void anExplicitOperationAndAMultiWordKindAreUsed() throws Exception {
    AdmissionPlan plan = AdmissionPlan.of(method("explicitOperation"));
    assertThat(plan.execution().get("kind")).isEqualTo("pipeline_step");
    assertThat(plan.execution().get("service")).isEqualTo("etl");
    assertThat(plan.execution().get("operation")).isEqualTo("load_batch");
    assertThat(plan.spanName()).isEqualTo("etl.load_batch");
  }

  @Test
  void eachAnnotatedArgumentFeedsItsFamily() throws Exception {
    CapturedAdmission captured = AdmissionPlan.of(method("deployModel"))
        .capture(deployArgs(), flattener);
    assertThat(captured.family(Family.CALLER).fields().asMap()).containsExactly(
        Map.entry("principal.name", "urn:user:alice"),
        Map.entry("tenant_id", "acme"),
        Map.entry("request_id", "req-42"),
        Map.entry("session_token", "[REDACTED]"));
    assertThat(captured.family(Family.REQUESTED).fields().asMap()).containsExactly(
        Map.entry("model", "llama-3"), Map.entry("engine", "vllm"),
        Map.entry("resources.gpu_count", 4L));
    assertThat(captured.family(Family.SCOPE).fields().asMap())
        .containsExactly(Map.entry("workspace_id", "ws-7"));
    assertThat(captured.family(Family.GOVERNANCE).fields().asMap())
        .containsExactly(Map.entry("audit_level", "full"));
    assertThat(captured.extensions()).containsOnlyKeys("serving.vllm");
    assertThat(captured.extensions().get("serving.vllm").fields().asMap())
        .containsExactly(Map.entry("max_model_len", 8192L));
    assertThat(captured.family(Family.GRANTED)).isNull();
    assertThat(captured.redacted()).containsExactly("caller.session_token");
  }

  @Test
  void aScalarWithoutValueUsesTheParameterNameAndSelectionsApply() throws Exception {
    Method m = method("explicitOperation");
    assertThat(m.getParameters()[0].isNamePresent()).as("compiled with -parameters").isTrue();
    CapturedAdmission captured = AdmissionPlan.of(m).capture(new Object[] {"ws-1",
        new Resources(2), "not captured",
        new Ctx(new Principal("urn:user:bob"), "acme", "req-1", "tok")}, flattener);
    assertThat(captured.family(Family.SCOPE).fields().asMap())
        .containsExactly(Map.entry("workspace", "ws-1"));
    assertThat(captured.family(Family.REQUESTED).fields().asMap())
        .containsExactly(Map.entry("limits.gpu_count", 2L));
    assertThat(captured.family(Family.CALLER).fields().asMap()).containsExactly(
        Map.entry("requester_urn", "urn:user:bob"), Map.entry("tenant_id", "acme"));
    assertThat(captured.family(Family.GOVERNANCE)).isNull();
    assertThat(captured.redacted()).isEmpty();
  }

  @Test
  void theResultSelectionPicksResolutionKeys() throws Exception {
    AdmissionPlan selective = AdmissionPlan.of(method("explicitOperation"));
    FamilyCapture result = selective.captureResult(
        new Deployment("d-1", "gpu-node-3", "/serve/d-1"), flattener);
    assertThat(result.fields().asMap()).containsExactly(
        Map.entry("deployment_id", "d-1"), Map.entry("placed_on", "gpu-node-3"));

    AdmissionPlan all = AdmissionPlan.of(method("deployModel"));
    assertThat(all.captureResult(new Deployment("d-1", "n", "/p"), flattener).fields().asMap())
        .containsOnlyKeys("deployment_id", "node", "serve_path");
    assertThat(all.captureResult(null, flattener).isEmpty()).isTrue();
  }

  @Test
  void aScalarResultIsKeyedResult() throws Exception {
    AdmissionPlan plan = AdmissionPlan.of(method("scalarResult"));
    assertThat(plan.captureResult(7, flattener).fields().asMap())
        .containsExactly(Map.entry("result", 7L));
  }

  @Test
  void aSensitiveParameterIsRedactedAndGrantedParametersAreNotAdmissionData() throws Exception {
    CapturedAdmission captured = AdmissionPlan.of(method("scalarResult"))
        .capture(new Object[] {"s-1", "granted-later"}, flattener);
    assertThat(captured.family(Family.CALLER).fields().asMap())
        .containsExactly(Map.entry("session_id", "[REDACTED]"));
    assertThat(captured.family(Family.GRANTED)).isNull();
    assertThat(captured.redacted()).containsExactly("caller.session_id");
  }

  @Test
  void sensitiveWrittenBeforeTheFamilyAnnotationWorksToo() throws Exception {
    CapturedAdmission captured = AdmissionPlan.of(method("sensitiveFirst"))
        .capture(new Object[] {"1234"}, flattener);
    assertThat(captured.family(Family.CALLER).fields().asMap())
        .containsExactly(Map.entry("pin", "[REDACTED]"));
  }

  @Test
  void missingOrShortArgumentsCaptureNothing() throws Exception {
    AdmissionPlan plan = AdmissionPlan.of(method("deployModel"));
    assertThat(plan.capture(null, flattener).family(Family.CALLER)).isNull();
    CapturedAdmission shortArgs = plan.capture(new Object[] {null}, flattener);
    assertThat(shortArgs.family(Family.SCOPE)).isNull();
    assertThat(shortArgs.redacted()).isEmpty();
  }

  @Test
  void anInvalidExtensionNamespaceIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> AdmissionPlan.of(method("badExtension")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Bad'")
        .hasMessageContaining("dotted lower case");
  }

  @Test
  void unusableAnnotationsAreRejected() {
    assertThatThrownBy(() -> AdmissionPlan.of(method("badFields")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a..b'");
    assertThatThrownBy(() -> AdmissionPlan.of(method("emptyService")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service");
    assertThatThrownBy(() -> AdmissionPlan.of(method("notAnnotated")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@ExecutionAdmission");
  }

  @Test
  void redactedKeysOfExtensionsAreQualified() throws Exception {
    CapturedAdmission captured = AdmissionPlan.of(method("deployModel")).capture(new Object[] {
        null, null, null, null, Map.of("apiKey", "k", "maxModelLen", 1)}, flattener);
    assertThat(captured.redacted()).containsExactly("extensions.serving.vllm.api_key");
    List<String> keys = List.copyOf(
        captured.extensions().get("serving.vllm").fields().asMap().keySet());
    assertThat(keys).containsExactlyInAnyOrder("api_key", "max_model_len");
  }
}
