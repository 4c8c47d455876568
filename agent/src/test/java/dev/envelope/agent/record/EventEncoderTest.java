package dev.envelope.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.agent.model.Admission;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Failure;
import dev.envelope.agent.model.FailureStage;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Fields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-27T20:11:52.123456789Z");
  private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";
  private static final List<String> LINE_KEYS = Arrays.asList("timestamp", "event", "seq",
      "envelope_id", "phase", "trace_id", "span_id", "service_name", "envelope");
  private static final List<String> ENVELOPE_KEYS = Arrays.asList("schema_version", "envelope_id",
      "parent_envelope_id", "phase", "caller", "execution", "scope", "governance", "requested",
      "granted", "resolution", "failure", "extensions", "timeline", "redacted", "trace_id",
      "span_id");
  private static final List<String> FAMILIES = Arrays.asList("caller", "execution", "scope",
      "governance", "requested", "granted", "resolution");

  private final EventEncoder encoder = new EventEncoder("sample-app");

  static Fields fields(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Fields.of(m);
  }

  static Admission.Builder admission() {
    return Admission.builder()
        .envelopeId("0193f0c2-7a51-7c3e-9f4e-2b1d0c8e5a11")
        .family(Family.CALLER, fields("requester_urn", "urn:user:alice", "tenant_id", "acme"))
        .family(Family.EXECUTION, fields("kind", "deployment", "service", "serving",
            "operation", "deploy_model", "handler", "com.acme.ServingApi#deployModel"))
        .family(Family.SCOPE, fields("workspace_id", "ws-7"))
        .family(Family.GOVERNANCE, fields("audit_level", "full"))
        .family(Family.REQUESTED, fields("engine", "vllm", "gpu_count", 4L,
            "zones", Arrays.asList("us-west", "us-east")))
        .extension("serving.vllm", fields("max_model_len", 8192L))
        .redacted(Collections.singletonList("caller.session_token"))
        .admittedAt(T0);
  }

  static Envelope admitted(Admission a) {
    return Envelope.admit(a, "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
  }

  private static Transition transition(Envelope e, int seq) {
    return new Transition(e, seq, T0.plusMillis(seq), Fields.EMPTY, Fields.EMPTY, null, null);
  }

  private JsonNode encode(Envelope e, int seq) throws Exception {
    String line = encoder.encode(transition(e, seq));
    assertThat(line).doesNotContain("\n");
    assertThat(line.getBytes(StandardCharsets.UTF_8).length)
        .isLessThan(EventEncoder.MAX_LINE_BYTES);
    return JSON.readTree(line);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void anEventLineCarriesTheEventFieldsAndTheFullEnvelope() throws Exception {
    JsonNode line = encode(admitted(admission().build()), 1);
    assertThat(names(line)).containsExactlyElementsOf(LINE_KEYS);
    assertThat(line.get("event").textValue()).isEqualTo("envelope.admitted");
    assertThat(line.get("seq").isIntegralNumber()).isTrue();
    assertThat(line.get("seq").longValue()).isEqualTo(1L);
    assertThat(line.get("envelope_id").textValue()).isEqualTo("0193f0c2-7a51-7c3e-9f4e-2b1d0c8e5a11");
    assertThat(line.get("phase").textValue()).isEqualTo("admission");
    assertThat(line.get("trace_id").textValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(line.get("span_id").textValue()).isEqualTo("00f067aa0ba902b7");
    assertThat(line.get("service_name").textValue()).isEqualTo("sample-app");
    assertThat(line.has("truncated")).isFalse();

    JsonNode e = line.get("envelope");
    assertThat(names(e)).containsExactlyInAnyOrderElementsOf(ENVELOPE_KEYS);
    assertThat(e.get("schema_version").textValue()).isEqualTo("1");
    assertThat(e.get("envelope_id").textValue()).isEqualTo(line.get("envelope_id").textValue());
    assertThat(e.get("parent_envelope_id").isNull()).isTrue();
    assertThat(e.get("phase").textValue()).isEqualTo("admission");
    assertThat(e.get("caller").get("requester_urn").textValue()).isEqualTo("urn:user:alice");
    assertThat(e.get("execution").get("handler").textValue())
        .isEqualTo("com.acme.ServingApi#deployModel");
    assertThat(e.get("requested").get("gpu_count").isIntegralNumber()).isTrue();
    assertThat(e.get("requested").get("gpu_count").longValue()).isEqualTo(4L);
    assertThat(e.get("requested").get("zones").toString()).isEqualTo("[\"us-west\",\"us-east\"]");
    assertThat(e.get("granted").isObject()).isTrue();
    assertThat(e.get("granted").size()).isZero();
    assertThat(e.get("resolution").size()).isZero();
    assertThat(e.get("failure").isNull()).isTrue();
    assertThat(e.get("extensions").get("serving.vllm").get("max_model_len").longValue())
        .isEqualTo(8192L);
    assertThat(names(e.get("timeline"))).containsExactly("admitted_at");
    assertThat(e.get("redacted").toString()).isEqualTo("[\"caller.session_token\"]");
    assertThat(e.get("trace_id").textValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(e.get("span_id").textValue()).isEqualTo("00f067aa0ba902b7");
  }

  @Test
  void theEnvelopeAloneIsTheSameObject() throws Exception {
    Envelope env = admitted(admission().build());
    JsonNode alone = JSON.readTree(new EventEncoder("svc").envelopeJson(env));
    assertThat(names(alone)).containsExactlyInAnyOrderElementsOf(ENVELOPE_KEYS);
    assertThat(alone).isEqualTo(encode(env, 1).get("envelope"));
  }

  @Test
  void timestampsHaveSixFractionalDigitsAndEndInZ() throws Exception {
    Envelope done = admitted(admission().admittedAt(Instant.parse("2026-01-01T00:00:00Z")).build())
        .resolve(fields("gpu_count", 0.5), fields("node", "n-1"), null,
            Instant.parse("2026-01-01T00:00:00.100Z"))
        .finalizeWith(Fields.EMPTY, null, Instant.parse("2026-01-01T00:00:01.000000999Z"));
    JsonNode line = encode(done, 3);
    assertThat(line.get("timestamp").textValue()).matches(TIMESTAMP);
    JsonNode timeline = line.get("envelope").get("timeline");
    assertThat(names(timeline)).containsExactly("admitted_at", "resolved_at", "finalized_at");
    assertThat(timeline.get("admitted_at").textValue()).isEqualTo("2026-01-01T00:00:00.000000Z");
    assertThat(timeline.get("resolved_at").textValue()).isEqualTo("2026-01-01T00:00:00.100000Z");
    assertThat(timeline.get("finalized_at").textValue()).isEqualTo("2026-01-01T00:00:01.000000Z");
    assertThat(EventEncoder.timestamp(T0)).isEqualTo("2026-11-27T20:11:52.123456Z");
    assertThat(EventEncoder.timestamp(null)).isNull();
  }

  @Test
  void aFailedEnvelopeCarriesItsFailure() throws Exception {
    Envelope failed = admitted(admission().parentEnvelopeId("parent-1").build())
        .fail(Failure.of(FailureStage.ADMISSION, "java.lang.IllegalArgumentException",
            "gpu_count \"x\" is not a number\n(line 2)"), T0.plusMillis(5));
    JsonNode line = encode(failed, 2);
    assertThat(line.get("event").textValue()).isEqualTo("envelope.failed");
    assertThat(line.get("phase").textValue()).isEqualTo("failed");
    JsonNode e = line.get("envelope");
    assertThat(e.get("parent_envelope_id").textValue()).isEqualTo("parent-1");
    JsonNode failure = e.get("failure");
    assertThat(names(failure)).containsExactly("stage", "error_type", "reason");
    assertThat(failure.get("stage").textValue()).isEqualTo("admission");
    assertThat(failure.get("error_type").textValue()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(failure.get("reason").textValue()).isEqualTo("gpu_count \"x\" is not a number\n(line 2)");
    assertThat(names(e.get("timeline"))).containsExactly("admitted_at", "failed_at");
    assertThat(e.get("granted").size()).isZero();
  }

  @Test
  void nullTraceIdsAreWrittenAsNull() throws Exception {
    Envelope untraced = Envelope.admit(admission().build(), null, null);
    JsonNode line = encode(untraced, 1);
    assertThat(line.get("trace_id").isNull()).isTrue();
    assertThat(line.get("envelope").get("span_id").isNull()).isTrue();
  }

  @Test
  void awkwardStringsStayOneValidLine() throws Exception {
    String nasty = "a\u2028b\"c\\d\n\u0000\uD800";
    Envelope e = admitted(admission()
        .family(Family.SCOPE, fields("workspace_id", nasty))
        .extension("serving.vllm", fields("note", nasty, "nan", Double.NaN)).build());
    JsonNode line = encode(e, 1);
    assertThat(line.get("envelope").get("scope").get("workspace_id").textValue())
        .isEqualTo("a\u2028b\"c\\d\n\u0000\uFFFD");
    assertThat(line.get("envelope").get("extensions").get("serving.vllm").get("nan").textValue())
        .isEqualTo("NaN");
  }

  // ---- the 64 KiB line limit ----

  private static Fields manyLongStrings(String tag, int keys, int length) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keys; i++) {
      m.put(tag + "_key_" + i, (tag + i + "-").repeat(length).substring(0, length));
    }
    return Fields.of(m);
  }

  private static void assertAllCoreFamiliesPresent(JsonNode envelope) {
    assertThat(names(envelope)).containsExactlyInAnyOrderElementsOf(ENVELOPE_KEYS);
    for (String family : FAMILIES) {
      assertThat(envelope.get(family).isObject()).as(family).isTrue();
    }
    assertThat(envelope.get("caller").get("requester_urn").textValue()).isNotEmpty();
    assertThat(envelope.get("execution").get("kind").textValue()).isEqualTo("deployment");
    assertThat(envelope.get("execution").get("service").textValue()).isEqualTo("serving");
  }

  @Test
  void aHugeExtensionIsCutFirst() throws Exception {
    Envelope e = admitted(admission()
        .extension("serving.vllm", manyLongStrings("ext", 500, 2000)).build());
    assertThat(new EventEncoder("svc").envelopeJson(e).length()).isGreaterThan(EventEncoder.MAX_LINE_BYTES);
    JsonNode line = encode(e, 1);
    assertThat(line.get("truncated").booleanValue()).isTrue();
    JsonNode envelope = line.get("envelope");
    assertAllCoreFamiliesPresent(envelope);
    // the core families are intact: only the extension was cut
    assertThat(envelope.get("requested").get("gpu_count").longValue()).isEqualTo(4L);
    assertThat(envelope.get("execution").get("handler").textValue())
        .isEqualTo("com.acme.ServingApi#deployModel");
    assertThat(envelope.get("extensions").toString().length()).isLessThan(60_000);
    assertThat(envelope.get("redacted").toString()).isEqualTo("[\"caller.session_token\"]");
  }

  @Test
  void fullFamiliesKeepEveryKeyWhileTheirValuesAreCut() throws Exception {
    Admission.Builder b = admission();
    for (Family f : Arrays.asList(Family.CALLER, Family.SCOPE, Family.GOVERNANCE,
        Family.REQUESTED)) {
      b.family(f, manyLongStrings(f.wireName(), 64, 256));
    }
    Envelope e = admitted(b.build()).resolve(manyLongStrings("granted", 64, 256), Fields.EMPTY,
        null, T0.plusMillis(1));
    assertThat(new EventEncoder("svc").envelopeJson(e).length()).isGreaterThan(EventEncoder.MAX_LINE_BYTES);
    JsonNode line = encode(e, 2);
    assertThat(line.get("truncated").booleanValue()).isTrue();
    JsonNode envelope = line.get("envelope");
    assertAllCoreFamiliesPresent(envelope);
    for (String family : Arrays.asList("caller", "scope", "governance", "requested", "granted")) {
      List<String> keys = names(envelope.get(family));
      assertThat(keys).as(family).hasSizeGreaterThanOrEqualTo(64);
      for (int i = 0; i < 64; i++) {
        assertThat(keys).as(family).contains(family + "_key_" + i);
      }
      Iterator<JsonNode> values = envelope.get(family).elements();
      while (values.hasNext()) {
        JsonNode v = values.next();
        if (v.isTextual()) {
          assertThat(v.textValue().length()).isLessThan(256);
        }
      }
    }
  }

  /** {@code n} keys that differ in their first characters, each long, with long values. */
  private static Fields manyDistinctKeys(int n) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put("k" + i + "_of_a_family_with_a_rather_long_key_name", ("v" + i + "-").repeat(100)
          .substring(0, 256));
    }
    return Fields.of(m);
  }

  /** Only reachable with envelope.capture.max_keys raised far above its default of 64. */
  private static Envelope harshest(String requester) {
    Admission.Builder b = admission();
    for (Family f : Arrays.asList(Family.SCOPE, Family.GOVERNANCE, Family.REQUESTED)) {
      b.family(f, manyDistinctKeys(2000));
    }
    Map<String, Object> caller = new LinkedHashMap<>(manyDistinctKeys(2000).asMap());
    caller.put("requester_urn", requester);
    return admitted(b.family(Family.CALLER, Fields.of(caller)).build());
  }

  @Test
  void inTheHarshestCutsFamiliesKeepTheirPlaceButLoseKeys() throws Exception {
    JsonNode line = encode(harshest("urn:user:alice"), 1);
    assertThat(line.get("truncated").booleanValue()).isTrue();
    JsonNode envelope = line.get("envelope");
    assertThat(names(envelope)).containsExactlyInAnyOrderElementsOf(ENVELOPE_KEYS);
    for (String family : Arrays.asList("scope", "governance", "requested")) {
      // the two harshest cuts keep 48, then 16 keys per family
      assertThat(envelope.get(family).size()).as(family).isBetween(16, 48);
    }
    // (the caller may keep its requester_urn on top)
    assertThat(envelope.get("caller").size()).isBetween(16, 49);
    assertThat(envelope.get("execution").size()).isEqualTo(4);
  }

  @Test
  void theExecutionDescriptorAndTheRequesterAreNeverCut() throws Exception {
    Envelope e = harshest("urn:user:alice-from-the-platform-team");
    JsonNode envelope = encode(e, 1).get("envelope");
    assertThat(envelope.get("execution").get("kind").textValue()).isEqualTo("deployment");
    assertThat(envelope.get("execution").get("operation").textValue()).isEqualTo("deploy_model");
    assertThat(envelope.get("execution").get("handler").textValue())
        .isEqualTo("com.acme.ServingApi#deployModel");
    assertThat(envelope.get("caller").get("requester_urn").textValue())
        .isEqualTo("urn:user:alice-from-the-platform-team");
  }

  @Test
  void manyLongRedactedKeysStillFitInOneLine() throws Exception {
    // 3 families x 64 keys, each three segments of up to 128 characters: what capture can produce
    // with its default limits from maps whose keys contain "token".
    List<String> redacted = new ArrayList<>();
    Admission.Builder b = admission();
    for (Family f : Arrays.asList(Family.CALLER, Family.SCOPE, Family.REQUESTED)) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < 64; i++) {
        String key = ("a" + i).repeat(64).substring(0, 128) + "." + "b".repeat(128) + "."
            + ("token_" + i + "_").repeat(20).substring(0, 128);
        values.put(key, "[REDACTED]");
        redacted.add(f.wireName() + "." + key);
      }
      b.family(f, Fields.of(values));
    }
    Envelope e = admitted(b.redacted(redacted).build());
    JsonNode line = encode(e, 1);
    assertThat(line.get("truncated").booleanValue()).isTrue();
    assertAllCoreFamiliesPresent(line.get("envelope"));
    assertThat(line.get("envelope").get("redacted").size()).isPositive();
  }

  @Test
  void listsOfLongStringsAtTheDefaultCaptureLimitsStillFitInOneLine() throws Exception {
    // 64 keys per family, 32 elements per list, 256 characters per string: the capture defaults.
    Admission.Builder b = admission();
    List<Fields> full = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < 64; i++) {
        List<String> list = new ArrayList<>();
        for (int k = 0; k < 32; k++) {
          list.add(("v" + f + "_" + i + "_" + k + "-").repeat(40).substring(0, 256));
        }
        values.put("list_" + i, list);
      }
      full.add(Fields.of(values));
    }
    b.family(Family.CALLER, full.get(0)).family(Family.SCOPE, full.get(1))
        .family(Family.GOVERNANCE, full.get(2)).family(Family.REQUESTED, full.get(3));
    Envelope e = admitted(b.build()).resolve(full.get(4), Fields.EMPTY, null, T0.plusMillis(1));
    JsonNode line = encode(e, 2);
    assertThat(line.get("truncated").booleanValue()).isTrue();
    assertAllCoreFamiliesPresent(line.get("envelope"));
  }

  @Test
  void cuttingNeverMergesTwoFamilyKeys() throws Exception {
    Admission.Builder b = admission().family(Family.REQUESTED, fields(
        "principal.organization_membership.role", "admin",
        "principal.organization_membership.team", "ml-platform",
        "gpu_count", 4L));
    // Enough extension namespaces that only the cut which drops extensions gets under 64 KiB.
    for (int ns = 0; ns < 100; ns++) {
      b.extension("serving.ns" + ns, manyLongStrings("ext", 16, 256));
    }
    JsonNode line = encode(admitted(b.build()), 1);
    assertThat(line.get("truncated").booleanValue()).isTrue();
    JsonNode envelope = line.get("envelope");
    assertThat(envelope.get("extensions").size()).as("this needed the cut that drops extensions")
        .isZero();
    assertThat(names(envelope.get("requested"))).containsExactlyInAnyOrder(
        "principal.organization_membership.role", "principal.organization_membership.team",
        "gpu_count");
    assertThat(envelope.get("requested").get("principal.organization_membership.role").textValue())
        .isEqualTo("admin");
  }

  @Test
  void utf8LengthCountsBytes() {
    for (String s : Arrays.asList("", "abc", "é", "名前", "\uD83D\uDE80x", "a\u0000\u07ff\u0800")) {
      assertThat(EventEncoder.utf8Length(s)).as(s)
          .isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void multiByteCharactersCountTowardsTheLimitInBytes() throws Exception {
    // 3 bytes per character: 30k characters are 90 KB
    Envelope e = admitted(admission()
        .extension("serving.vllm", fields("note", "名".repeat(30_000))).build());
    JsonNode line = encode(e, 1);
    assertThat(line.get("truncated").booleanValue()).isTrue();
  }
}
