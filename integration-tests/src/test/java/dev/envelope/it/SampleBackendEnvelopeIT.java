package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.DeployCycles;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.SampleBackend;
import dev.envelope.it.support.Spans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paper's proving ground end to end: the sample backend in its own JVM with the agent jar, real
 * HTTP requests, then the JSON Lines file and the exported spans as a user would read them.
 */
class SampleBackendEnvelopeIT {
  static final String DEPLOY = "/serving/deploy_model";
  static final String FULL_BODY = "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\","
      + "\"gpu_count\":1,\"cpu\":4,\"memory_gb\":32,\"location\":\"us-west\",\"concurrency\":8,"
      + "\"timeout_s\":30,\"priority\":\"normal\"}";

  static Path dir;
  static Events events;
  static List<JsonNode> spans;
  static String stdout;
  static String stderr;
  static List<String> diagnostics;
  static final Map<String, Http.Reply> replies = new LinkedHashMap<>();

  static Map<String, String> headers(String requestId) {
    return DeployCycles.headers(requestId);
  }

  @BeforeAll
  static void runBackend() throws Exception {
    dir = ForkedJvm.newWorkDir("sample-backend");
    try (SampleBackend backend = SampleBackend.start(dir, true, null)) {
      int port = backend.port();
      replies.put("construct", Http.post(port, DEPLOY, FULL_BODY, headers("req-construct")));
      replies.put("narrow", Http.post(port, DEPLOY,
          "{\"model\":\"llama-3.1-70b-instruct\",\"engine\":\"vllm\",\"gpu_count\":4,\"location\":\"us-west\"}",
          headers("req-narrow")));
      replies.put("bad-engine", Http.post(port, DEPLOY,
          "{\"model\":\"m\",\"engine\":\"sglang\",\"gpu_count\":1}", headers("req-bad-engine")));
      Map<String, String> noToken = headers("req-no-token");
      noToken.remove("Authorization");
      replies.put("no-token", Http.post(port, DEPLOY, FULL_BODY, noToken));
      replies.put("east-1", Http.post(port, DEPLOY,
          "{\"model\":\"m\",\"engine\":\"tgi\",\"gpu_count\":1,\"location\":\"us-east\"}",
          headers("req-east-1")));
      replies.put("east-2", Http.post(port, DEPLOY,
          "{\"model\":\"m\",\"engine\":\"tgi\",\"gpu_count\":1,\"location\":\"us-east\"}",
          headers("req-east-2")));
      backend.stop();
      stdout = backend.jvm().stdout();
      stderr = backend.jvm().stderr();
      diagnostics = backend.jvm().agentDiagnostics();
    }
    events = Events.read(dir.resolve("envelope-events.jsonl"));
    spans = Spans.fromStdout(stdout);
  }

  @Test
  void theApplicationAnsweredAsItAlwaysDoes() {
    assertThat(replies.get("construct").status).isEqualTo(201);
    assertThat(replies.get("narrow").status).isEqualTo(201);
    assertThat(replies.get("bad-engine").status).isEqualTo(400);
    assertThat(replies.get("no-token").status).isEqualTo(401);
    assertThat(replies.get("east-1").status).isEqualTo(201);
    assertThat(replies.get("east-2").status).isEqualTo(409);
    assertThat(diagnostics).as("agent diagnostics on stderr").isEmpty();
  }

  @Test
  void admittedEnvelopeIsBuiltFromHeadersAndBody() {
    JsonNode admitted = events.forRequest("req-construct").get(0);
    assertThat(admitted.get("event").asText()).isEqualTo("envelope.admitted");
    assertThat(admitted.get("seq").asInt()).isEqualTo(1);
    JsonNode e = admitted.get("envelope");
    assertThat(e.get("schema_version").asText()).isEqualTo("1");
    assertThat(e.get("phase").asText()).isEqualTo("admission");
    assertThat(e.at("/caller/requester_urn").asText()).isEqualTo("urn:user:alice");
    assertThat(e.at("/caller/tenant_id").asText()).isEqualTo("acme");
    assertThat(e.at("/caller/request_id").asText()).isEqualTo("req-construct");
    assertThat(e.at("/execution/kind").asText()).isEqualTo("deployment");
    assertThat(e.at("/execution/service").asText()).isEqualTo("serving");
    assertThat(e.at("/execution/operation").asText()).isEqualTo("deploy_model");
    assertThat(e.at("/scope/workspace_id").asText()).isEqualTo("ws-7");
    assertThat(e.at("/governance/audit_level").asText()).isEqualTo("full");
    JsonNode requested = e.get("requested");
    assertThat(requested.get("model").asText()).isEqualTo("llama-3.1-8b-instruct");
    assertThat(requested.get("engine").asText()).isEqualTo("vllm");
    assertThat(requested.get("gpu_count").isIntegralNumber()).isTrue();
    assertThat(requested.get("gpu_count").asLong()).isEqualTo(1);
    assertThat(requested.get("cpu").asLong()).isEqualTo(4);
    assertThat(requested.get("memory_gb").asLong()).isEqualTo(32);
    assertThat(requested.get("location").asText()).isEqualTo("us-west");
    assertThat(requested.get("concurrency").asLong()).isEqualTo(8);
    assertThat(requested.get("timeout_s").asLong()).isEqualTo(30);
    assertThat(requested.get("priority").asText()).isEqualTo("normal");
    assertThat(e.get("granted").size()).isZero();
    assertThat(e.get("failure").isNull()).isTrue();
    assertThat(e.get("envelope_id").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void theBearerTokenIsRedactedAndNeverWrittenAnywhere() throws Exception {
    JsonNode e = events.forRequest("req-construct").get(0).get("envelope");
    assertThat(e.at("/caller/session_token").asText()).isEqualTo("[REDACTED]");
    assertThat(e.get("redacted").toString()).contains("caller.session_token");
    String file = Files.readString(dir.resolve("envelope-events.jsonl"), StandardCharsets.UTF_8);
    assertThat(file).doesNotContain("demo-token");
    assertThat(stdout).doesNotContain("demo-token");
    assertThat(stderr).doesNotContain("demo-token");
  }

  @Test
  void acceptedRequestsGoThroughAdmittedResolvedFinalized() {
    List<JsonNode> es = events.forRequest("req-construct");
    assertThat(es).extracting(n -> n.get("event").asText())
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    assertThat(es).extracting(n -> n.get("seq").asInt()).containsExactly(1, 2, 3);
    JsonNode finalized = es.get(2).get("envelope");
    assertThat(finalized.at("/granted/gpu_count").asDouble()).isEqualTo(1.0);
    assertThat(finalized.at("/granted/engine").asText()).isEqualTo("vllm-0.6");
    assertThat(finalized.at("/resolution/node").asText()).startsWith("gpu-node-");
    assertThat(finalized.at("/resolution/backend").asText()).isNotEmpty();
    assertThat(finalized.at("/resolution/deployment_id").asText())
        .isEqualTo(deploymentId("construct"));
    assertThat(finalized.at("/timeline/finalized_at").asText()).matches(".*\\.\\d{6}Z");
  }

  private static String deploymentId(String reply) {
    try {
      return Events.parse(replies.get(reply).body).get("deployment_id").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void requestedIsPreservedWhenTheGrantIsNarrower() throws Exception {
    List<JsonNode> es = events.forRequest("req-narrow");
    double granted = Events.parse(replies.get("narrow").body).get("gpu_count").asDouble();
    assertThat(granted).isLessThan(4.0);
    for (JsonNode event : es) {
      assertThat(event.at("/envelope/requested/gpu_count").asLong()).as(event.get("event").asText())
          .isEqualTo(4);
    }
    JsonNode last = es.get(es.size() - 1).get("envelope");
    assertThat(last.get("phase").asText()).isEqualTo("finalized");
    assertThat(last.at("/granted/gpu_count").asDouble()).isEqualTo(granted);

    JsonNode span = Spans.withEnvelopeId(spans, last.get("envelope_id").asText());
    assertThat(span.at("/attributes/envelope.requested.gpu_count").isIntegralNumber()).isTrue();
    assertThat(span.at("/attributes/envelope.requested.gpu_count").asLong()).isEqualTo(4);
    assertThat(span.at("/attributes/envelope.granted.gpu_count").asDouble()).isEqualTo(granted);
    for (JsonNode event : span.get("events")) {
      JsonNode asked = event.at("/attributes/envelope.requested.gpu_count");
      if (!asked.isMissingNode()) {
        assertThat(asked.asLong()).isEqualTo(4);
      }
    }
  }

  @Test
  void aBadEngineFailsAtAdmissionWithoutGrants() throws Exception {
    assertThat(Events.parse(replies.get("bad-engine").body).get("error").asText())
        .contains("sglang");
    List<JsonNode> es = events.forRequest("req-bad-engine");
    assertThat(es).extracting(n -> n.get("event").asText())
        .containsExactly("envelope.admitted", "envelope.failed");
    JsonNode failed = es.get(1).get("envelope");
    assertThat(failed.get("phase").asText()).isEqualTo("failed");
    assertThat(failed.at("/failure/stage").asText()).isEqualTo("admission");
    assertThat(failed.at("/failure/error_type").asText())
        .isEqualTo("dev.envelope.sample.serving.InvalidRequestException");
    assertThat(failed.at("/failure/reason").asText()).contains("sglang");
    assertThat(failed.get("granted").size()).isZero();
    assertThat(failed.get("resolution").size()).isZero();
    assertThat(failed.at("/timeline/failed_at").isTextual()).isTrue();

    JsonNode span = Spans.withEnvelopeId(spans, failed.get("envelope_id").asText());
    assertThat(span.get("status").asText()).isEqualTo("ERROR");
    assertThat(span.at("/attributes/envelope.failure.stage").asText()).isEqualTo("admission");
    assertThat(span.get("events")).extracting(n -> n.get("name").asText())
        .containsExactly("envelope.admitted", "envelope.failed", "exception");
  }

  @Test
  void noCapacityFailsInResolution() {
    List<JsonNode> es = events.forRequest("req-east-2");
    JsonNode failed = es.get(es.size() - 1).get("envelope");
    assertThat(failed.get("phase").asText()).isEqualTo("failed");
    assertThat(failed.at("/failure/stage").asText()).isEqualTo("resolution");
    assertThat(failed.at("/failure/error_type").asText()).endsWith("NoCapacityException");
    assertThat(failed.get("granted").size()).isZero();
  }

  @Test
  void anUnauthenticatedRequestIsNeverAdmitted() {
    assertThat(events.byEnvelope().values())
        .noneMatch(es -> "req-no-token".equals(es.get(0).at("/envelope/caller/request_id").asText()));
    assertThat(events.byEnvelope()).hasSize(5);
  }

  @Test
  void everyEnvelopeHasOneIdOneTraceAndExactlyOneTerminalEvent() {
    for (List<JsonNode> es : events.byEnvelope().values()) {
      String id = es.get(0).get("envelope_id").asText();
      String trace = es.get(0).get("trace_id").asText();
      assertThat(trace).matches("[0-9a-f]{32}");
      long terminal = es.stream().map(n -> n.get("event").asText())
          .filter(n -> n.equals("envelope.finalized") || n.equals("envelope.failed")).count();
      assertThat(terminal).as(id).isEqualTo(1);
      assertThat(es.get(es.size() - 1).get("event").asText()).isIn("envelope.finalized", "envelope.failed");
      for (int i = 0; i < es.size(); i++) {
        JsonNode event = es.get(i);
        assertThat(event.get("seq").asInt()).isEqualTo(i + 1);
        assertThat(event.at("/envelope/envelope_id").asText()).isEqualTo(id);
        assertThat(event.get("trace_id").asText()).isEqualTo(trace);
        assertThat(event.at("/envelope/trace_id").asText()).isEqualTo(trace);
        assertThat(event.get("service_name").asText()).isEqualTo("envelope-sample-app");
      }
      JsonNode span = Spans.withEnvelopeId(spans, id);
      assertThat(span.get("trace_id").asText()).isEqualTo(trace);
      assertThat(span.get("span_id").asText()).isEqualTo(es.get(0).get("span_id").asText());
    }
  }

  @Test
  void theSpanCarriesTypedEnvelopeAttributesAndPhaseEvents() {
    String id = events.forRequest("req-construct").get(0).get("envelope_id").asText();
    JsonNode span = Spans.withEnvelopeId(spans, id);
    assertThat(span.get("name").asText()).isEqualTo("serving.deploy_model");
    assertThat(span.get("kind").asText()).isEqualTo("INTERNAL");
    JsonNode a = span.get("attributes");
    assertThat(a.get("envelope.phase").asText()).isEqualTo("finalized");
    assertThat(a.get("envelope.caller.requester_urn").asText()).isEqualTo("urn:user:alice");
    assertThat(a.get("envelope.execution.kind").asText()).isEqualTo("deployment");
    assertThat(a.get("envelope.scope.workspace_id").asText()).isEqualTo("ws-7");
    assertThat(a.get("envelope.governance.audit_level").asText()).isEqualTo("full");
    assertThat(a.get("envelope.requested.memory_gb").isIntegralNumber()).isTrue();
    assertThat(a.get("envelope.granted.engine").asText()).isEqualTo("vllm-0.6");
    assertThat(a.get("envelope.resolution.node").asText()).startsWith("gpu-node-");
    assertThat(span.get("events")).extracting(n -> n.get("name").asText())
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    assertThat(span.at("/events/1/attributes/envelope.granted.gpu_count").isNumber()).isTrue();
    assertThat(span.get("service_name").asText()).isEqualTo("envelope-sample-app");
  }
}
