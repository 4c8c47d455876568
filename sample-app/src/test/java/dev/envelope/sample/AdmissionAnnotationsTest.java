package dev.envelope.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Extension;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Granted;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.annotations.Sensitive;
import dev.envelope.sample.data.LinkLedger;
import dev.envelope.sample.data.TransferApi;
import dev.envelope.sample.data.TransferRequest;
import dev.envelope.sample.data.TransferTuning;
import dev.envelope.sample.evaluation.EvaluationApi;
import dev.envelope.sample.evaluation.EvaluationRequest;
import dev.envelope.sample.evaluation.EvaluationScheduler;
import dev.envelope.sample.evaluation.JobTicket;
import dev.envelope.sample.inference.InferenceApi;
import dev.envelope.sample.inference.InferenceGrant;
import dev.envelope.sample.inference.InferenceRequest;
import dev.envelope.sample.inference.ReplicaRouter;
import dev.envelope.sample.serving.ActiveDeployment;
import dev.envelope.sample.serving.Decommissioner;
import dev.envelope.sample.serving.DeploymentMaintenance;
import dev.envelope.sample.serving.Release;
import dev.envelope.sample.serving.RequestContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The annotations the agent reads on the four admission paths besides deploy: kind, service,
 * operation, which family each argument feeds, and the grant step each one calls on another
 * object. Key names are checked against the agent's default redaction pattern, since a key like
 * {@code max_output_tokens} would be recorded as {@code [REDACTED]}.
 */
class AdmissionAnnotationsTest {

  /** The agent's default secret-key pattern (SPEC §3). */
  private static final Pattern SECRET_KEYS = Pattern.compile(
      "password|passwd|secret|token|api_?key|authorization|credential|private_?key|cookie",
      Pattern.CASE_INSENSITIVE);

  @Test
  void inference() throws Exception {
    Method infer = InferenceApi.class.getMethod("infer", RequestContext.class, String.class,
        InferenceRequest.class, String.class, String.class);
    assertAdmission(infer, ExecutionKind.INFERENCE, "inference", "infer");
    assertThat(infer.getAnnotation(ExecutionAdmission.class).result())
        .containsExactly("outputLen->output_len");
    Parameter[] p = infer.getParameters();
    assertThat(p[0].isAnnotationPresent(Caller.class)).isTrue();
    assertThat(p[1].getAnnotation(Requested.class).value()).isEqualTo("deployment_id");
    Requested body = p[2].getAnnotation(Requested.class);
    assertThat(body.value()).isEmpty();
    assertThat(body.fields()).containsExactly("promptChars", "maxOutputLen", "temperature",
        "stream", "priority");
    assertThat(requestedKeys(InferenceRequest.class, body.fields()))
        .containsExactly("prompt_chars", "max_output_len", "temperature", "stream", "priority")
        .doesNotContain("prompt");
    assertScopeAndGovernance(p[3], p[4]);

    Method route = ReplicaRouter.class.getMethod("route", ActiveDeployment.class, int.class,
        int.class, boolean.class);
    assertGrant(route, InferenceGrant.class, "node", "replica_id");
  }

  @Test
  void evaluation() throws Exception {
    Method submit = EvaluationApi.class.getMethod("submitJob", RequestContext.class,
        EvaluationRequest.class, String.class, String.class);
    assertAdmission(submit, ExecutionKind.EVALUATION, "evaluation", "submit_job");
    Parameter[] p = submit.getParameters();
    assertThat(p[0].isAnnotationPresent(Caller.class)).isTrue();
    Requested body = p[1].getAnnotation(Requested.class);
    assertThat(body.value()).isEmpty();
    assertThat(body.fields()).isEmpty();
    assertThat(requestedKeys(EvaluationRequest.class, body.fields())).containsExactly(
        "deployment_id", "dataset", "metrics", "sample_count", "gpu_count");
    assertScopeAndGovernance(p[2], p[3]);

    Method schedule = EvaluationScheduler.class.getMethod("schedule", int.class, int.class);
    assertGrant(schedule, JobTicket.class, "job_id", "scheduler");
  }

  @Test
  void maintenance() throws Exception {
    Method delete = DeploymentMaintenance.class.getMethod("deleteDeployment", RequestContext.class,
        String.class, boolean.class, String.class, String.class);
    assertAdmission(delete, ExecutionKind.MAINTENANCE, "serving", "delete_deployment");
    Parameter[] p = delete.getParameters();
    assertThat(p[0].isAnnotationPresent(Caller.class)).isTrue();
    assertThat(p[1].getAnnotation(Requested.class).value()).isEqualTo("deployment_id");
    assertThat(p[2].getAnnotation(Requested.class).value()).isEqualTo("force");
    assertScopeAndGovernance(p[3], p[4]);

    Method release = Decommissioner.class.getMethod("release", ActiveDeployment.class);
    assertGrant(release, Release.class, "node");
    assertThat(requestedKeys(Release.class, new String[0]))
        .containsExactly("released_gpu_count", "node");
  }

  @Test
  void dataMovement() throws Exception {
    Method transfer = TransferApi.class.getMethod("transfer", RequestContext.class, String.class,
        TransferRequest.class, TransferTuning.class, String.class, String.class);
    assertAdmission(transfer, ExecutionKind.DATA_MOVEMENT, "data", "transfer");
    Parameter[] p = transfer.getParameters();
    assertThat(p[0].isAnnotationPresent(Caller.class)).isTrue();
    assertThat(p[0].isAnnotationPresent(Sensitive.class)).isFalse();
    assertThat(p[1].getAnnotation(Caller.class).value()).isEqualTo("source_credential");
    assertThat(p[1].isAnnotationPresent(Sensitive.class)).isTrue();
    assertThat(p[2].getAnnotation(Requested.class).fields()).isEmpty();
    assertThat(requestedKeys(TransferRequest.class, new String[0])).containsExactly(
        "source", "destination", "bytes", "encrypt", "bandwidth_mbps");
    assertThat(p[3].getAnnotation(Extension.class).value()).isEqualTo("data.transfer");
    assertThat(requestedKeys(TransferTuning.class, new String[0]))
        .containsExactly("chunk_size_mb", "parallel_streams", "checksum");
    assertScopeAndGovernance(p[4], p[5]);

    Method reserve = LinkLedger.class.getMethod("reserve", int.class, boolean.class, String.class,
        String.class);
    assertThat(reserve.getReturnType()).isEqualTo(void.class);
    assertThat(reserve.getAnnotation(Grant.class).resolution())
        .containsExactly("route", "transfer_id");
    assertThat(Arrays.stream(reserve.getParameters())
        .map(parameter -> parameter.getAnnotation(Granted.class).value()))
        .containsExactly("bandwidth_mbps", "encrypt", "route", "transfer_id");
    assertThat(reserve.getDeclaringClass()).isNotEqualTo(transfer.getDeclaringClass());
  }

  @Test
  void noNewAdmissionMethodIsAGrantAndNoGrantIsAnAdmission() {
    for (Class<?> type : List.of(InferenceApi.class, EvaluationApi.class,
        DeploymentMaintenance.class, TransferApi.class)) {
      for (Method m : type.getDeclaredMethods()) {
        assertThat(m.isAnnotationPresent(Grant.class)).as(m.toString()).isFalse();
      }
    }
    for (Class<?> type : List.of(ReplicaRouter.class, EvaluationScheduler.class,
        Decommissioner.class, LinkLedger.class)) {
      for (Method m : type.getDeclaredMethods()) {
        assertThat(m.isAnnotationPresent(ExecutionAdmission.class)).as(m.toString()).isFalse();
      }
    }
  }

  private static void assertAdmission(Method method, ExecutionKind kind, String service,
      String operation) {
    ExecutionAdmission admission = method.getAnnotation(ExecutionAdmission.class);
    assertThat(admission).as(method.getName()).isNotNull();
    assertThat(admission.kind()).isEqualTo(kind);
    assertThat(admission.service()).isEqualTo(service);
    assertThat(admission.operation()).isEqualTo(operation);
    // Every parameter feeds exactly one family or extension: nothing is captured by accident.
    for (Parameter parameter : method.getParameters()) {
      long families = Arrays.stream(parameter.getAnnotations())
          .map(Annotation::annotationType)
          .filter(t -> t != Sensitive.class)
          .count();
      assertThat(families).as(method.getName() + " " + parameter.getName()).isEqualTo(1);
      String key = familyValue(parameter);
      if (!parameter.isAnnotationPresent(Sensitive.class)) {
        assertThat(SECRET_KEYS.matcher(key).find()).as(key).isFalse();
      }
    }
  }

  private static void assertScopeAndGovernance(Parameter scope, Parameter governance) {
    assertThat(scope.getAnnotation(Scope.class).value()).isEqualTo("workspace_id");
    assertThat(governance.getAnnotation(Governance.class).value()).isEqualTo("audit_level");
    // -parameters keeps the names the agent falls back on.
    assertThat(scope.getName()).isEqualTo("workspace");
  }

  private static void assertGrant(Method grant, Class<? extends Record> returned,
      String... resolution) {
    assertThat(grant.getAnnotation(Grant.class)).as(grant.getName()).isNotNull();
    assertThat(grant.getAnnotation(Grant.class).resolution()).containsExactly(resolution);
    assertThat(grant.getReturnType()).isEqualTo(returned);
    List<String> keys = requestedKeys(returned, new String[0]);
    assertThat(keys).contains(resolution);
    assertThat(keys).noneMatch(k -> SECRET_KEYS.matcher(k).find());
  }

  /** The snake_case keys the agent derives from a record's components, after a selection. */
  private static List<String> requestedKeys(Class<? extends Record> type, String[] fields) {
    List<String> selected = Arrays.stream(fields).map(AdmissionAnnotationsTest::snake).toList();
    List<String> keys = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String key = snake(component.getName());
      if (selected.isEmpty() || selected.contains(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static String familyValue(Parameter parameter) {
    for (Annotation a : parameter.getAnnotations()) {
      try {
        Object value = a.annotationType().getMethod("value").invoke(a);
        return value.toString().isEmpty() ? snake(parameter.getName()) : value.toString();
      } catch (ReflectiveOperationException e) {
        // @Sensitive has no value; the family annotation beside it does.
      }
    }
    return snake(parameter.getName());
  }

  private static String snake(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
