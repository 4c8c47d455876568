package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.Spans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One request across two services, each a plain-JDK process with the agent: the sample serving
 * backend, started with {@code --registry}, lists every placed deployment with the model registry
 * service over the JDK {@code HttpClient}. The application adds no tracing headers; the agent adds
 * W3C {@code traceparent} and {@code baggage} (with {@code envelope.id}) on the way out and makes
 * them current in the registry's {@code HttpServer} handler, so the registry's envelope joins the
 * serving envelope's trace and names it as its parent. Identity never travels that way: the
 * registry's caller is whoever its bearer token says.
 *
 * <p>Script: a deploy through serving; a deploy through serving whose end user sends forged trace
 * headers; forged headers sent straight to the registry (with the service token); the registry
 * stopped, then a deploy through serving.
 */
class TwoServicesIT {
  static final String DEPLOY = SampleBackendEnvelopeIT.DEPLOY;
  static final String REGISTRATIONS = "/registry/deployments";
  static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  /** What an untrusted client makes up: a valid-looking UUIDv7, a trace and a span. */
  static final String FORGED_ENVELOPE_ID = "01934f6e-7a51-7c3e-9f4e-2b1d0c8e5a11";
  static final String FORGED_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String FORGED_SPAN_ID = "b7ad6b7169203331";
  static final String FORGED_TRACEPARENT = "00-" + FORGED_TRACE_ID + "-" + FORGED_SPAN_ID + "-01";
  static final String FORGED_BAGGAGE =
      "envelope.id=" + FORGED_ENVELOPE_ID + ",requester_urn=urn:user:mallory";

  static Events servingEvents;
  static Events registryEvents;
  static List<JsonNode> servingSpans;
  static List<JsonNode> registrySpans;
  static String registryFile;
  static final Map<String, String> stderr = new LinkedHashMap<>();
  static final Map<String, List<String>> diagnostics = new LinkedHashMap<>();
  static final Map<String, Http.Reply> replies = new LinkedHashMap<>();

  @BeforeAll
  static void runBothServices() throws Exception {
    Path registryDir = ForkedJvm.newWorkDir("two-services-registry");
    Path servingDir = ForkedJvm.newWorkDir("two-services-serving");
    try (ForkedJvm registry = ForkedJvm.builder(registryDir).withAgent()
            .env("OTEL_SERVICE_NAME", "model-registry")
            .mainClass(ForkedJvm.sampleJar().toString(), "dev.envelope.sample.registry.RegistryApp")
            .args("--port", "0").start()) {
      int registryPort = listeningPort(registry);
      try (ForkedJvm serving = ForkedJvm.builder(servingDir).withAgent()
              .env("OTEL_SERVICE_NAME", "serving-api")
              .jar(ForkedJvm.sampleJar())
              .args("--port", "0", "--registry", "http://127.0.0.1:" + registryPort).start()) {
        int servingPort = listeningPort(serving);

        replies.put("deploy", Http.post(servingPort, DEPLOY, SampleBackendEnvelopeIT.FULL_BODY,
            SampleBackendEnvelopeIT.headers("req-two-services")));

        Map<String, String> forgedByUser = SampleBackendEnvelopeIT.headers("req-user-forged");
        forgedByUser.put("traceparent", FORGED_TRACEPARENT);
        forgedByUser.put("baggage", FORGED_BAGGAGE);
        replies.put("user-forged", Http.post(servingPort, DEPLOY,
            SampleBackendEnvelopeIT.FULL_BODY, forgedByUser));

        replies.put("direct-forged", Http.post(registryPort, REGISTRATIONS,
            registration("dep-direct-1"), direct("req-direct-forged", FORGED_BAGGAGE)));
        replies.put("direct-junk", Http.post(registryPort, REGISTRATIONS,
            registration("dep-direct-2"),
            direct("req-direct-junk", "envelope.id=../../etc/passwd,requester_urn=urn:user:mallory")));

        registry.stop(Duration.ofSeconds(60));
        replies.put("registry-down", Http.post(servingPort, DEPLOY,
            SampleBackendEnvelopeIT.FULL_BODY,
            SampleBackendEnvelopeIT.headers("req-registry-down")));

        serving.stop(Duration.ofSeconds(60));
        collect("serving", serving);
        servingSpans = Spans.fromStdout(serving.stdout());
      }
      collect("registry", registry);
      registrySpans = Spans.fromStdout(registry.stdout());
    }
    servingEvents = Events.read(servingDir.resolve("envelope-events.jsonl"));
    registryEvents = Events.read(registryDir.resolve("envelope-events.jsonl"));
    registryFile = Files.readString(registryDir.resolve("envelope-events.jsonl"),
        StandardCharsets.UTF_8);
  }

  private static int listeningPort(ForkedJvm jvm) throws Exception {
    return Integer.parseInt(
        jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(60)));
  }

  private static void collect(String name, ForkedJvm jvm) throws Exception {
    stderr.put(name, jvm.stderr());
    diagnostics.put(name, jvm.agentDiagnostics());
  }

  private static String registration(String deploymentId) {
    return "{\"deployment_id\":\"" + deploymentId + "\",\"tenant_id\":\"acme\",\"model\":\"m\","
        + "\"engine\":\"vllm\",\"node\":\"gpu-node-1\",\"gpu_count\":1}";
  }

  /** A request straight to the registry with the real service token and forged trace headers. */
  private static Map<String, String> direct(String requestId, String baggage) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer serving-token");
    h.put("X-Request-Id", requestId);
    h.put("traceparent", FORGED_TRACEPARENT);
    h.put("baggage", baggage);
    return h;
  }

  private static String deploymentId(String reply) throws Exception {
    return Events.parse(replies.get(reply).body).get("deployment_id").asText();
  }

  /** The registry's events for the deployment the serving backend registered. */
  private static List<JsonNode> registrationOf(String deploymentId) {
    List<List<JsonNode>> found = new ArrayList<>();
    for (List<JsonNode> es : registryEvents.forOperation("register_deployment")) {
      if (deploymentId.equals(es.get(0).at("/envelope/requested/deployment_id").asText())) {
        found.add(es);
      }
    }
    assertThat(found).as("registry envelopes of " + deploymentId).hasSize(1);
    return found.get(0);
  }

  private static JsonNode last(List<JsonNode> events) {
    return events.get(events.size() - 1).get("envelope");
  }

  private static List<String> names(List<JsonNode> events) {
    List<String> names = new ArrayList<>();
    events.forEach(e -> names.add(e.get("event").asText()));
    return names;
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  @Test
  void bothServicesAnsweredAndTheAgentsSaidNothing() throws Exception {
    assertThat(replies.get("deploy").status).as(replies.get("deploy").body).isEqualTo(201);
    assertThat(Events.parse(replies.get("deploy").body).get("catalog_id").asText())
        .isEqualTo("cat-000001");
    assertThat(replies.get("user-forged").status).isEqualTo(201);
    assertThat(replies.get("direct-forged").status).isEqualTo(201);
    assertThat(replies.get("direct-junk").status).isEqualTo(201);
    assertThat(replies.get("registry-down").status).isEqualTo(502);
    for (String service : List.of("serving", "registry")) {
      assertThat(diagnostics.get(service)).as(service + " agent diagnostics").isEmpty();
      assertThat(stderr.get(service)).as(service + " stderr").doesNotContain("Exception");
    }
  }

  @Test
  void theRegistryEnvelopeJoinsTheServingTraceAsAChild() throws Exception {
    List<JsonNode> servingEs = servingEvents.forRequest("req-two-services");
    assertThat(names(servingEs))
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    JsonNode upstream = last(servingEs);
    assertThat(upstream.get("parent_envelope_id").isNull()).isTrue();

    List<JsonNode> registryEs = registrationOf(deploymentId("deploy"));
    assertThat(names(registryEs))
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    JsonNode downstream = last(registryEs);
    assertThat(downstream.at("/execution/service").asText()).isEqualTo("registry");
    assertThat(downstream.at("/execution/operation").asText()).isEqualTo("register_deployment");

    // Same trace, parent envelope = the serving envelope (from baggage envelope.id).
    assertThat(downstream.get("trace_id").asText()).matches("[0-9a-f]{32}")
        .isEqualTo(upstream.get("trace_id").asText());
    assertThat(downstream.get("parent_envelope_id").asText())
        .isEqualTo(upstream.get("envelope_id").asText());
    for (JsonNode event : registryEs) {
      assertThat(event.get("trace_id").asText()).isEqualTo(upstream.get("trace_id").asText());
      assertThat(event.get("service_name").asText()).isEqualTo("model-registry");
    }
    assertThat(servingEs.get(0).get("service_name").asText()).isEqualTo("serving-api");

    // The registry's span is a child of the serving envelope's span.
    JsonNode servingSpan = Spans.withEnvelopeId(servingSpans, upstream.get("envelope_id").asText());
    JsonNode registrySpan =
        Spans.withEnvelopeId(registrySpans, downstream.get("envelope_id").asText());
    assertThat(servingSpan.get("name").asText()).isEqualTo("serving.deploy_model");
    assertThat(registrySpan.get("name").asText()).isEqualTo("registry.register_deployment");
    assertThat(registrySpan.get("trace_id").asText()).isEqualTo(servingSpan.get("trace_id").asText());
    assertThat(registrySpan.get("parent_span_id").asText())
        .isEqualTo(servingSpan.get("span_id").asText());
    assertThat(registrySpan.at("/attributes/envelope.parent_id").asText())
        .isEqualTo(upstream.get("envelope_id").asText());
    assertThat(registrySpan.get("service_name").asText()).isEqualTo("model-registry");
    assertThat(servingSpan.get("service_name").asText()).isEqualTo("serving-api");

    // Both records name the catalog entry: the grant downstream, the result upstream.
    assertThat(downstream.at("/granted/replicas").asInt()).isEqualTo(1);
    assertThat(downstream.at("/resolution/catalog_id").asText()).isEqualTo("cat-000001");
    assertThat(upstream.at("/resolution/catalog_id").asText()).isEqualTo("cat-000001");
  }

  @Test
  void theRegistryCallerIsTheServingServiceFromItsToken() throws Exception {
    JsonNode caller = last(registrationOf(deploymentId("deploy"))).get("caller");
    assertThat(caller.get("requester_urn").asText()).isEqualTo("urn:service:serving");
    assertThat(caller.get("role").asText()).isEqualTo("service");
    assertThat(caller.get("session_token").asText()).isEqualTo("[REDACTED]");
    assertThat(keys(caller))
        .containsExactlyInAnyOrder("requester_urn", "role", "request_id", "session_token");
    // Nothing of the end user's identity or token reaches the registry's record.
    assertThat(registryFile).doesNotContain("urn:user:alice").doesNotContain("demo-token")
        .doesNotContain("serving-token");
  }

  /**
   * The end user sends forged {@code traceparent} and {@code baggage} to the serving backend. The
   * serving backend is the edge: the agent continues the client's trace and takes the
   * valid-looking {@code envelope.id} as a correlation hint for {@code parent_envelope_id}, but
   * the caller is alice from her token. Downstream, the serving envelope's own id replaces the
   * forged one, so the registry names the real serving envelope as its parent.
   */
  @Test
  void anEndUsersForgedBaggageNeverBecomesAnIdentity() throws Exception {
    JsonNode upstream = last(servingEvents.forRequest("req-user-forged"));
    assertThat(upstream.get("phase").asText()).isEqualTo("finalized");
    assertThat(upstream.at("/caller/requester_urn").asText()).isEqualTo("urn:user:alice");
    assertThat(upstream.get("parent_envelope_id").asText()).isEqualTo(FORGED_ENVELOPE_ID);
    assertThat(upstream.get("trace_id").asText()).isEqualTo(FORGED_TRACE_ID);
    assertThat(upstream.toString()).doesNotContain("mallory");

    JsonNode downstream = last(registrationOf(deploymentId("user-forged")));
    assertThat(downstream.at("/caller/requester_urn").asText()).isEqualTo("urn:service:serving");
    assertThat(downstream.get("parent_envelope_id").asText())
        .isEqualTo(upstream.get("envelope_id").asText());
    assertThat(downstream.get("trace_id").asText()).isEqualTo(FORGED_TRACE_ID);
    assertThat(downstream.toString()).doesNotContain("mallory");
  }

  /**
   * Forged headers straight to the registry, with the real service token. Identity comes from the
   * token alone: {@code requester_urn=urn:user:mallory} in baggage appears nowhere. The agent does
   * take the trace from {@code traceparent} and, because it looks like a UUIDv7, the baggage
   * {@code envelope.id} as {@code parent_envelope_id}: both are correlation hints that only link
   * records, and a caller holding a service token can claim any parent. A value that is not a
   * UUIDv7 is dropped.
   */
  @Test
  void forgedBaggageSentToTheRegistryIsOnlyACorrelationHint() {
    List<JsonNode> es = registryEvents.forRequest("req-direct-forged");
    assertThat(names(es))
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    for (JsonNode event : es) {
      JsonNode caller = event.at("/envelope/caller");
      assertThat(caller.get("requester_urn").asText()).isEqualTo("urn:service:serving");
      assertThat(keys(caller))
          .containsExactlyInAnyOrder("requester_urn", "role", "request_id", "session_token");
      assertThat(event.toString()).doesNotContain("mallory");
    }
    JsonNode envelope = last(es);
    assertThat(envelope.get("parent_envelope_id").asText()).isEqualTo(FORGED_ENVELOPE_ID);
    assertThat(envelope.get("trace_id").asText()).isEqualTo(FORGED_TRACE_ID);
    JsonNode span = Spans.withEnvelopeId(registrySpans, envelope.get("envelope_id").asText());
    assertThat(span.get("parent_span_id").asText()).isEqualTo(FORGED_SPAN_ID);
    assertThat(span.get("attributes").toString()).doesNotContain("mallory");

    JsonNode junk = last(registryEvents.forRequest("req-direct-junk"));
    assertThat(junk.at("/caller/requester_urn").asText()).isEqualTo("urn:service:serving");
    assertThat(junk.get("parent_envelope_id").isNull()).as("not a UUIDv7").isTrue();
    assertThat(junk.toString()).doesNotContain("passwd").doesNotContain("mallory");
  }

  /**
   * With the registry stopped, the deploy is placed (a grant), then listing it fails: the serving
   * envelope fails at stage {@code finalization}, keeps the grant placement really made, and has
   * no deployment or catalog id; the client gets 502.
   */
  @Test
  void anUnreachableRegistryFailsTheServingEnvelope() throws Exception {
    Http.Reply reply = replies.get("registry-down");
    assertThat(reply.status).isEqualTo(502);
    // "cannot connect" normally; a pooled connection the dead registry left may fail otherwise.
    assertThat(Events.parse(reply.body).get("error").asText()).startsWith("registry unavailable: ");

    List<JsonNode> es = servingEvents.forRequest("req-registry-down");
    assertThat(names(es)).containsExactly("envelope.admitted", "envelope.resolved", "envelope.failed");
    JsonNode failed = last(es);
    assertThat(failed.get("phase").asText()).isEqualTo("failed");
    assertThat(failed.at("/failure/stage").asText()).isEqualTo("finalization");
    assertThat(failed.at("/failure/error_type").asText())
        .isEqualTo("dev.envelope.sample.registry.RegistryUnavailableException");
    assertThat(failed.at("/failure/reason").asText())
        .isEqualTo(Events.parse(reply.body).get("error").asText());
    assertThat(failed.at("/granted/gpu_count").asDouble()).isEqualTo(1.0);
    assertThat(failed.at("/resolution/node").asText()).startsWith("gpu-node-");
    assertThat(failed.at("/resolution/deployment_id").isMissingNode()).isTrue();
    assertThat(failed.at("/resolution/catalog_id").isMissingNode()).isTrue();
    assertThat(failed.at("/timeline/failed_at").isTextual()).isTrue();

    JsonNode span = Spans.withEnvelopeId(servingSpans, failed.get("envelope_id").asText());
    assertThat(span.get("status").asText()).isEqualTo("ERROR");
    assertThat(span.at("/attributes/envelope.failure.stage").asText()).isEqualTo("finalization");

    // The registry was down: it admitted nothing for this deploy.
    assertThat(registryEvents.forOperation("register_deployment")).hasSize(4);
  }

  @Test
  void everyEnvelopeOfBothServicesEndsExactlyOnce() {
    for (Events events : List.of(servingEvents, registryEvents)) {
      for (List<JsonNode> es : events.byEnvelope().values()) {
        String id = es.get(0).get("envelope_id").asText();
        assertThat(id).matches(UUID_V7);
        long terminal = es.stream().map(n -> n.get("event").asText())
            .filter(n -> n.equals("envelope.finalized") || n.equals("envelope.failed")).count();
        assertThat(terminal).as(id).isEqualTo(1);
        for (int i = 0; i < es.size(); i++) {
          assertThat(es.get(i).get("seq").asInt()).isEqualTo(i + 1);
        }
      }
    }
    assertThat(servingEvents.byEnvelope()).hasSize(3);
    assertThat(registryEvents.byEnvelope()).hasSize(4);
  }
}
