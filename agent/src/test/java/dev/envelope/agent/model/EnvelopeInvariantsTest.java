package dev.envelope.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The five invariants of SPEC §4, each proven against the model alone. */
class EnvelopeInvariantsTest {
  private static final Instant T0 = Instant.parse("2026-11-27T20:11:52.123456Z");
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  private static final List<Family> ADMISSION_FAMILIES = Arrays.asList(
      Family.CALLER, Family.EXECUTION, Family.SCOPE, Family.GOVERNANCE, Family.REQUESTED);

  static Fields fields(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Fields.of(m);
  }

  static Fields execution() {
    return fields("kind", "deployment", "service", "serving", "operation", "deploy_model",
        "handler", "com.acme.ServingApi#deployModel");
  }

  static Admission.Builder admissionBuilder() {
    return Admission.builder()
        .envelopeId("0193f0c2-7a51-7c3e-9f4e-2b1d0c8e5a11")
        .family(Family.CALLER, fields("requester_urn", "urn:user:alice", "tenant_id", "acme"))
        .family(Family.EXECUTION, execution())
        .family(Family.SCOPE, fields("workspace_id", "ws-7"))
        .family(Family.GOVERNANCE, fields("audit_level", "full"))
        .family(Family.REQUESTED, fields("engine", "vllm", "gpu_count", 4L,
            "zones", Arrays.asList("us-west", "us-east")))
        .extension("serving.vllm", fields("max_model_len", 8192L))
        .redacted(Collections.singletonList("caller.session_token"))
        .admittedAt(T0);
  }

  static Envelope admitted() {
    return Envelope.admit(admissionBuilder().build(), TRACE, SPAN);
  }

  /** Every snapshot an envelope can reach from admission, terminal ones included. */
  static List<Envelope> laterSnapshots(Envelope admitted) {
    List<Envelope> all = new ArrayList<>();
    Envelope extended = admitted.withExtension("serving.ray", fields("actor", "a-1"));
    Envelope resolved = extended.resolve(fields("gpu_count", 0.5), fields("node", "gpu-node-3"),
        Collections.emptyList(), T0.plusMillis(1));
    all.add(extended);
    all.add(resolved);
    all.add(resolved.resolve(fields("engine", "vllm-0.6"), Fields.EMPTY, null, T0.plusMillis(2)));
    all.add(resolved.finalizeWith(fields("deployment_id", "d-1"), null, T0.plusMillis(3)));
    all.add(resolved.fail(Failure.of(FailureStage.FINALIZATION, "java.lang.IllegalStateException",
        "boom"), T0.plusMillis(3)));
    all.add(admitted.fail(Failure.of(FailureStage.ADMISSION, "java.lang.IllegalArgumentException",
        "bad"), T0.plusMillis(1)));
    all.add(admitted.finalizeWith(Fields.EMPTY, null, T0.plusMillis(1)));
    return all;
  }

  // ---- Invariant 1: admission immutability ----

  @Test
  void everyAdmissionFamilyViewRejectsChanges() {
    Envelope e = admitted();
    for (Family f : ADMISSION_FAMILIES) {
      Map<String, Object> view = e.family(f).asMap();
      assertThat(view).as(f.wireName()).isNotEmpty();
      String someKey = view.keySet().iterator().next();
      assertThatThrownBy(() -> view.put("injected", "x")).as(f.wireName() + " put")
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> view.remove(someKey)).as(f.wireName() + " remove")
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(view::clear).as(f.wireName() + " clear")
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(e.family(f).asMap()).as(f.wireName()).containsKey(someKey);
    }
    List<Object> zones = (List<Object>) e.family(Family.REQUESTED).asMap().get("zones");
    assertThatThrownBy(() -> zones.add("eu")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.extensions().put("serving.x", Fields.EMPTY))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.extensions().get("serving.vllm").asMap().put("x", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.redacted().add("caller.x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anEmptyFamilyViewAlsoRejectsChanges() {
    Envelope e = Envelope.admit(Admission.builder().envelopeId("id")
        .family(Family.EXECUTION, execution()).admittedAt(T0).build(), null, null);
    Map<String, Object> scope = e.family(Family.SCOPE).asMap();
    assertThat(scope).isEmpty();
    assertThatThrownBy(() -> scope.put("workspace_id", "ws"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> scope.remove("workspace_id"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(scope::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void fieldsCopyTheirInputSoTheCallerCannotChangeThemLater() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("gpu_count", 4L);
    List<Object> zones = new ArrayList<>(Collections.singletonList("us-west"));
    source.put("zones", zones);
    Fields f = Fields.of(source);
    source.put("gpu_count", 8L);
    source.put("extra", "x");
    zones.add("us-east");
    assertThat(f.asMap()).containsOnlyKeys("gpu_count", "zones");
    assertThat(f.get("gpu_count")).isEqualTo(4L);
    assertThat(f.get("zones")).isEqualTo(List.of("us-west"));
  }

  @Test
  void everyLaterSnapshotSharesTheVeryAdmission() {
    Envelope admitted = admitted();
    Admission admission = admitted.admission();
    Map<Family, Fields> before = new LinkedHashMap<>();
    for (Family f : ADMISSION_FAMILIES) {
      before.put(f, admitted.family(f));
    }
    for (Envelope later : laterSnapshots(admitted)) {
      assertThat(later.admission()).as(later.phase().wireName()).isSameAs(admission);
      for (Family f : ADMISSION_FAMILIES) {
        assertThat(later.family(f)).as(later.phase().wireName() + " " + f.wireName())
            .isEqualTo(before.get(f));
      }
      assertThat(later.admittedAt()).isEqualTo(T0);
    }
  }

  @Test
  void theAdmissionBuilderCannotChangeABuiltAdmission() {
    Admission.Builder builder = admissionBuilder();
    Admission built = builder.build();
    builder.family(Family.SCOPE, fields("workspace_id", "ws-other"))
        .extension("serving.vllm", fields("max_model_len", 1L))
        .redacted(Collections.singletonList("scope.x"));
    assertThat(built.scope().get("workspace_id")).isEqualTo("ws-7");
    assertThat(built.extensions().get("serving.vllm").get("max_model_len")).isEqualTo(8192L);
    assertThat(built.redacted()).containsExactly("caller.session_token");
  }

  @Test
  void grantedAndResolutionAreNotAdmissionFamilies() {
    assertThatThrownBy(() -> Admission.builder().family(Family.GRANTED, fields("x", 1L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("granted");
    assertThat(Family.GRANTED.isAdmission()).isFalse();
    assertThat(Family.RESOLUTION.isAdmission()).isFalse();
    assertThat(ADMISSION_FAMILIES).allMatch(Family::isAdmission);
  }

  // ---- Invariant 2: grant append-only ----

  @Test
  void grantsOnlyGainOrRefineKeysAndNeverTouchRequested() {
    Envelope admitted = admitted();
    Envelope first = admitted.resolve(fields("gpu_count", 0.5, "engine", "vllm"),
        fields("node", "gpu-node-3"), Collections.emptyList(), T0.plusMillis(1));
    Envelope second = first.resolve(fields("engine", "vllm-0.6", "memory_gb", 16L),
        fields("backend", "ray-actor"), Collections.emptyList(), T0.plusMillis(2));
    Envelope third = second.resolve(Fields.EMPTY, Fields.EMPTY, null, T0.plusMillis(3));

    assertThat(first.granted().asMap()).containsExactly(
        Map.entry("gpu_count", 0.5), Map.entry("engine", "vllm"));
    assertThat(second.granted().asMap()).containsExactly(
        Map.entry("gpu_count", 0.5), Map.entry("engine", "vllm-0.6"), Map.entry("memory_gb", 16L));
    assertThat(second.resolution().asMap()).containsExactly(
        Map.entry("node", "gpu-node-3"), Map.entry("backend", "ray-actor"));
    assertThat(third.granted()).isEqualTo(second.granted());
    assertThat(third.resolution()).isEqualTo(second.resolution());
    for (Envelope e : Arrays.asList(admitted, first, second, third)) {
      assertThat(e.family(Family.REQUESTED).get("gpu_count")).isEqualTo(4L);
      assertThat(e.family(Family.REQUESTED).asMap()).containsOnlyKeys("engine", "gpu_count", "zones");
    }
    // the earlier snapshots are untouched by later grants
    assertThat(first.granted().get("engine")).isEqualTo("vllm");
    assertThat(admitted.granted().isEmpty()).isTrue();
    assertThat(admitted.phase()).isEqualTo(Phase.ADMISSION);
    assertThat(first.phase()).isEqualTo(Phase.RESOLVED);
    assertThat(third.resolvedAt()).isEqualTo(T0.plusMillis(3));
  }

  @Test
  void finalizationKeepsGrantsAndOnlyAddsResolution() {
    Envelope resolved = admitted().resolve(fields("gpu_count", 0.5), fields("node", "n-1"),
        Collections.emptyList(), T0.plusMillis(1));
    Envelope finalized = resolved.finalizeWith(fields("deployment_id", "d-1"),
        Collections.singletonList("resolution.token"), T0.plusMillis(2));
    assertThat(finalized.granted()).isEqualTo(resolved.granted());
    assertThat(finalized.resolution().asMap()).containsExactly(
        Map.entry("node", "n-1"), Map.entry("deployment_id", "d-1"));
    assertThat(finalized.redacted()).containsExactly("caller.session_token", "resolution.token");
    assertThat(finalized.endedAt()).isEqualTo(T0.plusMillis(2));
    assertThat(finalized.resolvedAt()).isEqualTo(T0.plusMillis(1));
  }

  @Test
  void aFailureNeverInventsGrants() {
    Envelope resolved = admitted().resolve(fields("gpu_count", 0.5), Fields.EMPTY,
        Collections.emptyList(), T0.plusMillis(1));
    Envelope failed = resolved.fail(
        Failure.of(FailureStage.FINALIZATION, "java.io.IOException", "disk"), T0.plusMillis(2));
    assertThat(failed.granted()).isEqualTo(resolved.granted());
    assertThat(failed.resolution().isEmpty()).isTrue();
    assertThat(failed.failure().stage()).isEqualTo(FailureStage.FINALIZATION);
    assertThat(failed.failure().errorType()).isEqualTo("java.io.IOException");
    assertThat(failed.failure().reason()).isEqualTo("disk");

    Envelope failedAtAdmission = admitted().fail(
        Failure.of(FailureStage.ADMISSION, "java.lang.IllegalArgumentException", null),
        T0.plusMillis(1));
    assertThat(failedAtAdmission.granted().isEmpty()).isTrue();
    assertThat(failedAtAdmission.resolution().isEmpty()).isTrue();
    assertThat(failedAtAdmission.failure().reason()).isEmpty();
  }

  @Test
  void aFailureAtStageAdmissionCannotFollowAGrant() {
    Envelope resolved = admitted().resolve(fields("gpu_count", 0.5), Fields.EMPTY,
        Collections.emptyList(), T0.plusMillis(1));
    assertThatThrownBy(() -> resolved.fail(
        Failure.of(FailureStage.ADMISSION, "java.lang.IllegalStateException", "x"),
        T0.plusMillis(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(resolved.id())
        .hasMessageContaining("admission");
    Envelope resolutionOnly = admitted().resolve(Fields.EMPTY, fields("node", "n-1"),
        Collections.emptyList(), T0.plusMillis(1));
    assertThatThrownBy(() -> resolutionOnly.fail(
        Failure.of(FailureStage.ADMISSION, "java.lang.IllegalStateException", "x"),
        T0.plusMillis(2)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailureAtStageFinalizationNeedsAGrantFirst() {
    assertThatThrownBy(() -> admitted().fail(
        Failure.of(FailureStage.FINALIZATION, "java.lang.IllegalStateException", "x"),
        T0.plusMillis(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("finalization");
  }

  // ---- Invariant 3: stable correlation ----

  @Test
  void idAndTraceAreIdenticalAcrossEverySnapshot() {
    Envelope admitted = admitted();
    assertThat(admitted.id()).isEqualTo("0193f0c2-7a51-7c3e-9f4e-2b1d0c8e5a11");
    for (Envelope later : laterSnapshots(admitted)) {
      assertThat(later.id()).isEqualTo(admitted.id());
      assertThat(later.traceId()).isEqualTo(TRACE);
      assertThat(later.spanId()).isEqualTo(SPAN);
      assertThat(later.admission().parentEnvelopeId()).isNull();
    }
    Envelope child = Envelope.admit(admissionBuilder().envelopeId("child")
        .parentEnvelopeId(admitted.id()).build(), TRACE, "1111111111111111");
    Envelope childDone = child.finalizeWith(Fields.EMPTY, null, T0.plusMillis(1));
    assertThat(childDone.admission().parentEnvelopeId()).isEqualTo(admitted.id());
    assertThat(childDone.spanId()).isEqualTo("1111111111111111");
  }

  // ---- Invariant 4: namespaced extension ----

  @Test
  void aDottedLowerCaseNamespaceIsAccepted() {
    Envelope e = admitted().withExtension("serving.vllm", fields("tensor_parallel", 2L))
        .withExtension("ray", fields("actor", "a-1"))
        .withExtension("serving.v2_beta", fields("x", true));
    assertThat(e.extensions()).containsOnlyKeys("serving.vllm", "ray", "serving.v2_beta");
    // data under an existing namespace refines it
    assertThat(e.extensions().get("serving.vllm").asMap()).containsExactly(
        Map.entry("max_model_len", 8192L), Map.entry("tensor_parallel", 2L));
    assertThat(e.phase()).isEqualTo(Phase.ADMISSION);
    assertThat(ExtensionNamespace.check("serving.vllm")).isEqualTo("serving.vllm");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Serving", "caller.x", "requested", "granted.y", "resolution",
      "extensions.x", "a..b", "x-y", ".a", "a.", "1abc", "serving.Vllm", "serving vllm"})
  void anInvalidNamespaceIsRejectedAndTheEnvelopeIsUnchanged(String namespace) {
    Envelope e = admitted();
    Map<String, Fields> before = new LinkedHashMap<>(e.extensions());
    assertThatThrownBy(() -> e.withExtension(namespace, fields("x", 1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + namespace + "'");
    assertThatThrownBy(() -> admissionBuilder().extension(namespace, fields("x", 1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + namespace + "'");
    assertThat(e.extensions()).isEqualTo(before);
    assertThat(e.phase()).isEqualTo(Phase.ADMISSION);
  }

  @Test
  void aCoreFamilyNameIsNamedInTheRejection() {
    assertThatThrownBy(() -> ExtensionNamespace.check("caller.x"))
        .hasMessageContaining("core family name 'caller'");
  }

  @Test
  void anExtensionIsAcceptedInEveryOpenPhaseButNotAfterTheEnd() {
    Envelope resolved = admitted().resolve(fields("gpu_count", 0.5), Fields.EMPTY, null,
        T0.plusMillis(1));
    Envelope extended = resolved.withExtension("serving.ray", fields("actor", "a-1"));
    assertThat(extended.phase()).isEqualTo(Phase.RESOLVED);
    assertThat(extended.granted()).isEqualTo(resolved.granted());
    assertThat(resolved.extensions()).doesNotContainKey("serving.ray");
    Envelope done = extended.finalizeWith(Fields.EMPTY, null, T0.plusMillis(2));
    assertThatThrownBy(() -> done.withExtension("serving.late", fields("x", 1L)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(done.extensions()).containsOnlyKeys("serving.vllm", "serving.ray");
  }

  // ---- Invariant 5: exactly one terminal event ----

  @Test
  void finalizeAfterFailIsRejected() {
    Envelope failed = admitted().fail(
        Failure.of(FailureStage.ADMISSION, "java.lang.RuntimeException", "x"), T0.plusMillis(1));
    assertThatThrownBy(() -> failed.finalizeWith(Fields.EMPTY, null, T0.plusMillis(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failed");
    assertThatThrownBy(() -> failed.fail(
        Failure.of(FailureStage.ADMISSION, "java.lang.RuntimeException", "y"), T0.plusMillis(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> failed.resolve(fields("x", 1L), Fields.EMPTY, null, T0))
        .isInstanceOf(IllegalStateException.class);
    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.phase().isTerminal()).isTrue();
  }

  @Test
  void failAfterFinalizeIsRejected() {
    Envelope finalized = admitted().finalizeWith(Fields.EMPTY, null, T0.plusMillis(1));
    assertThatThrownBy(() -> finalized.fail(
        Failure.of(FailureStage.ADMISSION, "java.lang.RuntimeException", "x"), T0.plusMillis(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("finalized");
    assertThatThrownBy(() -> finalized.finalizeWith(Fields.EMPTY, null, T0.plusMillis(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(finalized.failure()).isNull();
  }

  @Test
  void resolveAfterFinalizeIsRejected() {
    Envelope finalized = admitted().finalizeWith(Fields.EMPTY, null, T0.plusMillis(1));
    assertThatThrownBy(() -> finalized.resolve(fields("gpu_count", 1.0), Fields.EMPTY, null,
        T0.plusMillis(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resolved");
    assertThat(finalized.granted().isEmpty()).isTrue();
  }

  @Test
  void phasesAndTheirWireNames() {
    assertThat(Phase.ADMISSION.wireName()).isEqualTo("admission");
    assertThat(Phase.RESOLVED.eventName()).isEqualTo("envelope.resolved");
    assertThat(Phase.ADMISSION.isTerminal()).isFalse();
    assertThat(Phase.RESOLVED.isTerminal()).isFalse();
    assertThat(Phase.FINALIZED.isTerminal()).isTrue();
    assertThat(FailureStage.RESOLUTION.wireName()).isEqualTo("resolution");
  }

  // ---- construction rules ----

  @Test
  void fieldsRejectNonScalarValues() {
    assertThatThrownBy(() -> fields("x", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'").hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> fields("x", Arrays.asList("a", Arrays.asList("b"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    assertThatThrownBy(() -> fields("x", Arrays.asList("a", null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fields("x", Arrays.asList("a", new Object())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fields("x", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    // only the four normalized types: capture converts everything else first
    assertThatThrownBy(() -> fields("x", 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fields("x", 0.5f)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fields("", "v")).isInstanceOf(IllegalArgumentException.class);
    Map<String, Object> nullKey = new java.util.HashMap<>();
    nullKey.put(null, "v");
    assertThatThrownBy(() -> Fields.of(nullKey)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void fieldsAcceptTheFourTypesAndListsOfThem() {
    Fields f = fields("s", "x", "l", 1L, "d", 0.5, "b", true, "list", Arrays.asList(1L, 2L));
    assertThat(f.size()).isEqualTo(5);
    assertThat(f.asMap()).containsExactly(Map.entry("s", "x"), Map.entry("l", 1L),
        Map.entry("d", 0.5), Map.entry("b", true), Map.entry("list", Arrays.asList(1L, 2L)));
    assertThat(Fields.of(Collections.emptyMap())).isSameAs(Fields.EMPTY);
    assertThat(fields("a", 1L)).isEqualTo(fields("a", 1L)).hasSameHashCodeAs(fields("a", 1L));
    assertThat(fields("a", 1L)).isNotEqualTo(fields("a", 2L));
  }

  @Test
  void aCallerWithoutRequesterUrnIsAnonymous() {
    Admission noCaller = Admission.builder().envelopeId("id").family(Family.EXECUTION, execution())
        .admittedAt(T0).build();
    assertThat(noCaller.caller().asMap()).containsExactly(
        Map.entry(Admission.REQUESTER_URN, "urn:anonymous"));

    Admission tenantOnly = Admission.builder().envelopeId("id")
        .family(Family.EXECUTION, execution())
        .family(Family.CALLER, fields("tenant_id", "acme"))
        .admittedAt(T0).build();
    assertThat(tenantOnly.caller().asMap()).containsExactly(
        Map.entry("requester_urn", "urn:anonymous"), Map.entry("tenant_id", "acme"));

    Admission emptyUrn = Admission.builder().envelopeId("id").family(Family.EXECUTION, execution())
        .family(Family.CALLER, fields("requester_urn", "", "tenant_id", "acme"))
        .admittedAt(T0).build();
    assertThat(emptyUrn.caller().get("requester_urn")).isEqualTo("urn:anonymous");

    Admission named = admissionBuilder().build();
    assertThat(named.caller().get("requester_urn")).isEqualTo("urn:user:alice");
  }

  @Test
  void executionRequiresKindServiceAndOperation() {
    for (String missing : new String[] {"kind", "service", "operation"}) {
      Map<String, Object> m = new LinkedHashMap<>(execution().asMap());
      m.remove(missing);
      assertThatThrownBy(() -> Admission.builder().envelopeId("id")
          .family(Family.EXECUTION, Fields.of(m)).admittedAt(T0).build())
          .as(missing)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("execution." + missing);
    }
    Map<String, Object> numericKind = new LinkedHashMap<>(execution().asMap());
    numericKind.put("kind", 1L);
    assertThatThrownBy(() -> Admission.builder().envelopeId("id")
        .family(Family.EXECUTION, Fields.of(numericKind)).admittedAt(T0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAdmissionNeedsAnIdAndATime() {
    assertThatThrownBy(() -> Admission.builder().family(Family.EXECUTION, execution())
        .admittedAt(T0).build()).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Admission.builder().envelopeId("id")
        .family(Family.EXECUTION, execution()).build()).isInstanceOf(NullPointerException.class);
    assertThatCode(() -> Envelope.admit(admissionBuilder().build(), null, null))
        .doesNotThrowAnyException();
  }
}
