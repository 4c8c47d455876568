package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.Otlp;
import dev.envelope.it.support.OtlpReceiver;
import dev.envelope.it.support.SampleBackend;
import dev.envelope.it.support.Schemas;
import dev.envelope.it.targets.ConcurrencyMain;
import dev.envelope.it.targets.ConcurrencyTargets;
import dev.envelope.it.targets.ConcurrencyTargets.Outcome;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 64 threads admit 1000 asks each, all at once, against one agent: every envelope must keep its
 * own ask. Each field of an ask (caller, scope, requested, the grant, the extension, the failure
 * reason) is derived from the thread and iteration that made it, so an event carrying anything of
 * another envelope's shows up as a mismatch; the counts per outcome are known in advance. The
 * spans, exported to a receiver in this JVM, must match the events one for one.
 */
class ConcurrencyIT {
  private static final int THREADS = 64;
  private static final int PER_THREAD = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every n-th line is also checked against the published schema (all of them takes minutes). */
  private static final int SCHEMA_SAMPLE = 50;

  @Test
  void sixtyFourThousandConcurrentAdmissionsEachKeepTheirOwnAsk() throws Exception {
    Path dir = ForkedJvm.newWorkDir("concurrency");
    String summary;
    long started = System.nanoTime();
    List<Span> spans = new ArrayList<>();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        ForkedJvm jvm = ForkedJvm.builder(dir).withAgent()
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            // Room for every span of the run: a full queue drops spans, by design of the SDK.
            .jvmArg("-Dotel.bsp.max.queue.size=131072")
            .jvmArg("-Dotel.bsp.max.export.batch.size=2048")
            .mainClass(ForkedJvm.testClassPath(), ConcurrencyMain.class.getName())
            .args(String.valueOf(THREADS), String.valueOf(PER_THREAD)).start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(120))).as(jvm.stderr()).isZero();
      summary = jvm.stdout().trim();
      assertThat(jvm.agentDiagnostics()).as("agent diagnostics").isEmpty();
      receiver.traces().forEach(r -> r.getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
          .forEach(ss -> ss.getSpansList().forEach(s -> spans.add(Span.of(s))))));
    }
    long runMillis = (System.nanoTime() - started) / 1_000_000;
    int admissions = THREADS * PER_THREAD;
    Map<Outcome, Integer> expected = expectedOutcomes();
    int threw = expected.get(Outcome.REFUSED) + expected.get(Outcome.GRANT_FAILS)
        + expected.get(Outcome.FAILS_AFTER_GRANT);

    Check check = new Check();
    long readStart = System.nanoTime();
    for (Path file : eventFiles(dir)) {
      check.read(file);
    }
    long readMillis = (System.nanoTime() - readStart) / 1_000_000;
    System.out.printf("ConcurrencyIT: %s; forked run %d ms; %d events of %d envelopes read and"
        + " checked in %d ms; %d spans%n", summary, runMillis, check.lines,
        check.envelopes.size(), readMillis, spans.size());
    assertThat(check.problems).as("events that do not belong to their own ask").isEmpty();

    int nested = expected.get(Outcome.NESTED);
    assertThat(check.envelopes).as("envelopes").hasSize(admissions + nested);
    assertThat(check.outerByAsk).as("one outer envelope per ask").hasSize(admissions);
    assertThat(check.nestedByAsk).as("one nested envelope per nested ask").hasSize(nested);

    Map<Outcome, Integer> counted = new EnumMap<>(Outcome.class);
    List<String> wrong = new ArrayList<>();
    for (Envelope e : check.envelopes.values()) {
      if (e.nested) {
        expectEvents(e, List.of("envelope.admitted", "envelope.resolved", "envelope.finalized"),
            wrong);
        String outer = check.outerByAsk.get(e.askId.substring(0, e.askId.length() - 2));
        if (outer == null || !outer.equals(e.parentId)) {
          wrong.add(e.askId + ": parent " + e.parentId + ", outer envelope " + outer);
        }
        continue;
      }
      counted.merge(e.outcome, 1, Integer::sum);
      if (e.parentId != null) {
        wrong.add(e.askId + ": an outer admission with parent " + e.parentId);
      }
      switch (e.outcome) {
        case REFUSED:
        case GRANT_FAILS:
          expectEvents(e, List.of("envelope.admitted", "envelope.failed"), wrong);
          break;
        case FAILS_AFTER_GRANT:
          expectEvents(e, List.of("envelope.admitted", "envelope.resolved", "envelope.failed"),
              wrong);
          break;
        default:
          expectEvents(e, List.of("envelope.admitted", "envelope.resolved", "envelope.finalized"),
              wrong);
      }
    }
    assertThat(wrong).as("envelopes whose events are not what their outcome calls for").isEmpty();
    assertThat(counted).as("envelopes per outcome").isEqualTo(expected);

    checkSpans(check, spans);
    // Last, so a mix-up shows first as the events that carry it.
    assertThat(summary).as("what the application saw")
        .startsWith("admissions=" + admissions + " returned=" + (admissions - threw)
            + " threw=" + threw + " left-current=0 seen-inside=" + admissions * 14 / 10 + " ")
        .endsWith(" wrong=null inside-mismatch=null");
    // Passed: the 200 MB of events have told all they can (a failure leaves them to look at).
    for (Path file : eventFiles(dir)) {
      Files.deleteIfExists(file);
    }
  }

  /**
   * One span per envelope, carrying that envelope's own ask, in the trace the events name; a
   * nested envelope's span is a child of its outer one, and no two outer envelopes share a trace.
   */
  private static void checkSpans(Check check, List<Span> spans) {
    assertThat(spans).as("spans exported").hasSize(check.envelopes.size());
    Map<String, Span> byEnvelope = new HashMap<>();
    Set<String> outerTraces = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    for (Span s : spans) {
      Envelope e = check.envelopes.get(s.envelopeId);
      if (e == null || byEnvelope.put(s.envelopeId, s) != null) {
        wrong.add("span of " + s.envelopeId + ": unknown envelope or a second span");
        continue;
      }
      if (!e.askId.equals(s.askId) || !s.traceId.equals(e.traceId)
          || !s.spanId.equals(e.spanId)) {
        wrong.add("span of " + e.askId + ": ask " + s.askId + ", trace " + s.traceId + "/"
            + s.spanId + ", events say " + e.traceId + "/" + e.spanId);
      }
      if (!e.nested && (!s.parentSpanId.isEmpty() || !outerTraces.add(s.traceId))) {
        wrong.add("span of " + e.askId + ": parent " + s.parentSpanId + " or a shared trace");
      }
    }
    for (Map.Entry<String, String> nested : check.nestedByAsk.entrySet()) {
      Span inner = byEnvelope.get(nested.getValue());
      String outerAsk = nested.getKey().substring(0, nested.getKey().length() - 2);
      Span outer = byEnvelope.get(check.outerByAsk.get(outerAsk));
      if (inner == null || outer == null || !inner.traceId.equals(outer.traceId)
          || !inner.parentSpanId.equals(outer.spanId)) {
        wrong.add("nested span of " + nested.getKey() + " is not a child of its outer span");
      }
    }
    assertThat(wrong).as("spans that do not belong to their own envelope").isEmpty();
  }

  /** What is kept of one exported span. */
  private static final class Span {
    final String envelopeId;
    final String askId;
    final String traceId;
    final String spanId;
    final String parentSpanId;

    private Span(String envelopeId, String askId, String traceId, String spanId,
        String parentSpanId) {
      this.envelopeId = envelopeId;
      this.askId = askId;
      this.traceId = traceId;
      this.spanId = spanId;
      this.parentSpanId = parentSpanId;
    }

    static Span of(io.opentelemetry.proto.trace.v1.Span s) {
      Map<String, AnyValue> a = Otlp.attributes(s.getAttributesList());
      AnyValue id = a.get("envelope.id");
      AnyValue ask = a.get("envelope.requested.ask_id");
      return new Span(id == null ? "?" : id.getStringValue(),
          ask == null ? "?" : ask.getStringValue(), Otlp.hex(s.getTraceId()),
          Otlp.hex(s.getSpanId()), Otlp.hex(s.getParentSpanId()));
    }
  }

  /**
   * The sample backend over HTTP, 64 clients at once, each deploying and deleting under request
   * ids, workspaces and model names of its own: every envelope carries its own request's headers
   * and body, and ends the way its reply says (201: finalized with the reply's deployment and
   * grant; otherwise failed, nothing granted).
   */
  @Test
  void theSampleBackendUnderSixtyFourConcurrentClients() throws Exception {
    int clients = 64;
    int perClient = 10;
    Path dir = ForkedJvm.newWorkDir("concurrency-http");
    Map<String, Http.Reply> replies = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, String> deleted = new java.util.concurrent.ConcurrentHashMap<>();
    try (SampleBackend backend = SampleBackend.start(dir, true, null)) {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(clients);
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(clients);
      try {
        for (int c = 0; c < clients; c++) {
          int client = c;
          done.add(pool.submit(() -> {
            start.await();
            for (int j = 0; j < perClient; j++) {
              String id = "req-c" + client + "-" + j;
              Http.Reply reply = Http.post(backend.port(), "/serving/deploy_model",
                  deployBody(client, j), headers(id, client));
              replies.put(id, reply);
              if (reply.status == 201) {
                String deployment = Events.parse(reply.body).get("deployment_id").asText();
                String deleteId = "del-c" + client + "-" + j;
                Http.Reply gone = Http.delete(backend.port(), "/serving/deployments/" + deployment,
                    headers(deleteId, client));
                assertThat(gone.status).as(deleteId).isEqualTo(200);
                deleted.put(deleteId, deployment);
              }
            }
            return null;
          }));
        }
        for (java.util.concurrent.Future<?> f : done) {
          f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(backend.stop()).as("exit status after SIGTERM").isIn(0, 143);
      assertThat(backend.jvm().agentDiagnostics()).as("agent diagnostics").isEmpty();
    }

    Events events = Events.read(dir.resolve("envelope-events.jsonl"));
    Map<String, List<JsonNode>> byRequest = new HashMap<>();
    for (List<JsonNode> envelope : events.byEnvelope().values()) {
      String requestId = envelope.get(0).at("/envelope/caller/request_id").asText();
      assertThat(byRequest.put(requestId, envelope)).as("envelopes of " + requestId).isNull();
      for (int i = 0; i < envelope.size(); i++) {
        assertThat(envelope.get(i).get("seq").asInt()).isEqualTo(i + 1);
      }
    }
    assertThat(byRequest.keySet()).as("one envelope per request")
        .containsExactlyInAnyOrderElementsOf(concat(replies.keySet(), deleted.keySet()));
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    for (Map.Entry<String, Http.Reply> r : replies.entrySet()) {
      String id = r.getKey();
      Http.Reply reply = r.getValue();
      statuses.merge(reply.status, 1, Integer::sum);
      List<JsonNode> envelope = byRequest.get(id);
      int client = Integer.parseInt(id.substring(5, id.indexOf('-', 5)));
      int j = Integer.parseInt(id.substring(id.indexOf('-', 5) + 1));
      for (JsonNode event : envelope) {
        JsonNode e = event.get("envelope");
        assertThat(e.at("/execution/operation").asText()).isEqualTo("deploy_model");
        assertThat(e.at("/requested/model").asText()).as(id).isEqualTo("model-c" + client + "-" + j);
        assertThat(e.at("/requested/priority").asText()).as(id).isEqualTo(priority(client, j));
        assertThat(e.at("/scope/workspace_id").asText()).as(id).isEqualTo("ws-c" + client);
        assertThat(e.at("/governance/audit_level").asText()).as(id).isEqualTo(audit(client));
        assertThat(e.at("/requested")).as(id).isEqualTo(envelope.get(0).at("/envelope/requested"));
      }
      JsonNode end = envelope.get(envelope.size() - 1).get("envelope");
      if (reply.status == 201) {
        JsonNode body = Events.parse(reply.body);
        assertThat(end.get("phase").asText()).as(id).isEqualTo("finalized");
        assertThat(end.at("/resolution/deployment_id").asText()).as(id)
            .isEqualTo(body.get("deployment_id").asText());
        assertThat(end.at("/granted/gpu_count").asDouble()).as(id)
            .isEqualTo(body.get("gpu_count").asDouble());
      } else {
        assertThat(end.get("phase").asText()).as(id + " answered " + reply).isEqualTo("failed");
        assertThat(end.get("granted").size()).as(id).isZero();
      }
    }
    deleted.forEach((id, deployment) -> {
      JsonNode end = byRequest.get(id).get(byRequest.get(id).size() - 1).get("envelope");
      assertThat(end.get("phase").asText()).as(id).isEqualTo("finalized");
      assertThat(end.at("/execution/operation").asText()).isEqualTo("delete_deployment");
      assertThat(end.at("/requested/deployment_id").asText()).as(id).isEqualTo(deployment);
    });
    System.out.printf("ConcurrencyIT (HTTP): %d clients x %d deploys, answers %s, %d deletes%n",
        clients, perClient, statuses, deleted.size());
    assertThat(statuses).as("some placed, some not: capacity is contended").containsKey(201);
  }

  private static List<String> concat(Set<String> a, Set<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String priority(int client, int j) {
    return (client + j) % 2 == 0 ? "normal" : "high";
  }

  private static String audit(int client) {
    return client % 2 == 0 ? "full" : "minimal";
  }

  private static String deployBody(int client, int j) {
    return "{\"model\":\"model-c" + client + "-" + j + "\",\"engine\":\"vllm\",\"gpu_count\":0.5,"
        + "\"location\":\"us-west\",\"priority\":\"" + priority(client, j) + "\"}";
  }

  private static Map<String, String> headers(String requestId, int client) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    h.put("Authorization", "Bearer demo-token");
    h.put("X-Tenant", "acme");
    h.put("X-Request-Id", requestId);
    h.put("X-Workspace", "ws-c" + client);
    h.put("X-Audit-Level", audit(client));
    return h;
  }

  private static Map<Outcome, Integer> expectedOutcomes() {
    Map<Outcome, Integer> expected = new EnumMap<>(Outcome.class);
    for (int i = 0; i < PER_THREAD; i++) {
      expected.merge(ConcurrencyTargets.outcome(i), THREADS, Integer::sum);
    }
    return expected;
  }

  private static void expectEvents(Envelope e, List<String> names, List<String> wrong) {
    if (!e.events.equals(names)) {
      wrong.add(e.askId + " (" + e.outcome + "): " + e.events);
    }
  }

  /** The events file and whatever it rolled over to, oldest first. */
  static List<Path> eventFiles(Path dir) {
    List<Path> files = new ArrayList<>();
    for (int i = 5; i >= 1; i--) {
      Path rolled = dir.resolve("envelope-events.jsonl." + i);
      if (Files.exists(rolled)) {
        files.add(rolled);
      }
    }
    files.add(dir.resolve("envelope-events.jsonl"));
    return files;
  }

  /** What is kept of one envelope while its events stream by. */
  private static final class Envelope {
    final String askId;
    final boolean nested;
    final Outcome outcome;
    final String parentId;
    final String traceId;
    final String spanId;
    final List<String> events = new ArrayList<>(3);

    Envelope(String askId, boolean nested, Outcome outcome, String parentId, String traceId,
        String spanId) {
      this.askId = askId;
      this.nested = nested;
      this.outcome = outcome;
      this.parentId = parentId;
      this.traceId = traceId;
      this.spanId = spanId;
    }
  }

  /** Reads event lines one at a time (the file is too large to hold) and checks each one. */
  private static final class Check {
    final Map<String, Envelope> envelopes = new HashMap<>();
    final Map<String, String> outerByAsk = new HashMap<>();
    final Map<String, String> nestedByAsk = new HashMap<>();
    final List<String> problems = new ArrayList<>();
    long lines;

    void read(Path file) throws IOException {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines++;
          JsonNode event = JSON.readTree(line);
          if (lines % SCHEMA_SAMPLE == 1) {
            Schemas.assertValid(event, file + ":" + lines);
          }
          try {
            check(event);
          } catch (RuntimeException e) {
            problem(file.getFileName() + ":" + lines + " " + e.getMessage() + ": "
                + line.substring(0, Math.min(line.length(), 1500)));
          }
        }
      }
    }

    private void problem(String what) {
      if (problems.size() < 20) {
        problems.add(what);
      }
    }

    private void check(JsonNode event) {
      String id = event.get("envelope_id").asText();
      JsonNode env = event.get("envelope");
      String name = event.get("event").asText();
      String phase = env.get("phase").asText();
      expect(env.get("envelope_id").asText(), id, "envelope.envelope_id");
      expect(event.get("phase").asText(), phase, "phase");
      expect(name, "envelope." + eventName(phase), "event name for phase " + phase);
      String operation = env.at("/execution/operation").asText();
      boolean nested = ConcurrencyTargets.NESTED_OPERATION.equals(operation);
      expect(env.at("/execution/service").asText(), ConcurrencyTargets.SERVICE, "service");

      // Whose ask this is, and everything that must follow from it.
      JsonNode requested = env.get("requested");
      int thread = requested.get("thread").asInt();
      int iteration = requested.get("iteration").asInt();
      Outcome outcome = ConcurrencyTargets.outcome(iteration);
      String method = nested ? "#nested" : outcome == Outcome.ASYNC ? "#admitLater" : "#admit";
      expect(operation, nested ? ConcurrencyTargets.NESTED_OPERATION : outcome == Outcome.ASYNC
          ? ConcurrencyTargets.ASYNC_OPERATION : ConcurrencyTargets.OPERATION, "operation");
      expect(env.at("/execution/handler").asText(), ConcurrencyTargets.Service.class.getName()
          + method, "handler");
      ConcurrencyTargets.Ask ask = ConcurrencyTargets.Ask.of(thread, iteration);
      if (nested) {
        ask = ask.nested();
      }
      String askId = ask.askId();
      expect(requested.size(), 5, "requested keys");
      expect(requested.get("ask_id").asText(), askId, "requested.ask_id");
      expect(requested.get("model").asText(), ask.model(), "requested.model");
      expect(requested.get("gpu_count").asInt(), ask.gpuCount(), "requested.gpu_count");
      ConcurrencyTargets.Who who = ConcurrencyTargets.Who.of(thread, iteration);
      JsonNode caller = env.get("caller");
      expect(caller.size(), 3, "caller keys");
      expect(caller.get("requester_urn").asText(), who.requesterUrn(), "caller.requester_urn");
      expect(caller.get("tenant_id").asText(), who.tenantId(), "caller.tenant_id");
      expect(caller.get("request_id").asText(), who.requestId(), "caller.request_id");
      expect(env.get("scope").size(), 1, "scope keys");
      expect(env.at("/scope/workspace_id").asText(),
          ConcurrencyTargets.workspace(thread, iteration), "scope.workspace_id");

      JsonNode granted = env.get("granted");
      if (granted.size() > 0) {
        expect(granted.size(), 2, "granted keys");
        expect(granted.get("ask_id").asText(), askId, "granted.ask_id");
        expect(granted.get("gpu_count").asInt(), ConcurrencyTargets.grantedGpus(ask.gpuCount()),
            "granted.gpu_count");
      }
      JsonNode resolution = env.get("resolution");
      if (resolution.size() > 0) {
        expect(resolution.size(), 1, "resolution keys");
        expect(resolution.get("node").asText(), ConcurrencyTargets.node(askId), "resolution.node");
      }
      JsonNode extensions = env.get("extensions");
      if (extensions.size() > 0) {
        expect(extensions.size(), 1, "extension namespaces");
        expect(extensions.at("/" + ConcurrencyTargets.EXTENSION + "/ask_id").asText(), askId,
            "extension");
      }
      if (phase.equals("failed")) {
        checkFailure(env.get("failure"), outcome, askId, granted);
      } else {
        expect(env.get("failure").isNull(), true, "failure is null");
      }
      if (phase.equals("resolved") || phase.equals("finalized")) {
        expect(granted.size() > 0 && resolution.size() > 0, true, "granted and resolved");
      }

      Envelope e = envelopes.get(id);
      if (e == null) {
        JsonNode parent = env.get("parent_envelope_id");
        e = new Envelope(askId, nested, outcome, parent.isNull() ? null : parent.asText(),
            event.get("trace_id").asText(), event.get("span_id").asText());
        envelopes.put(id, e);
        Map<String, String> byAsk = nested ? nestedByAsk : outerByAsk;
        if (byAsk.put(askId, id) != null) {
          problem("two envelopes for ask " + askId);
        }
      } else {
        expect(askId, e.askId, "the same ask in every event of an envelope");
        expect(event.get("trace_id").asText(), e.traceId, "the same trace in every event");
        expect(event.get("span_id").asText(), e.spanId, "the same span in every event");
      }
      expect(env.get("trace_id").asText(), e.traceId, "envelope.trace_id");
      expect(event.get("seq").asInt(), e.events.size() + 1, "seq");
      if (!e.events.isEmpty() && isTerminal(e.events.get(e.events.size() - 1))) {
        throw new IllegalStateException("an event after the terminal one");
      }
      e.events.add(name);
    }

    private static void checkFailure(JsonNode failure, Outcome outcome, String askId,
        JsonNode granted) {
      switch (outcome) {
        case REFUSED:
          expect(failure.get("stage").asText(), "admission", "failure.stage");
          expect(failure.get("error_type").asText(), IllegalStateException.class.getName(),
              "failure.error_type");
          expect(failure.get("reason").asText(), ConcurrencyTargets.refusal(askId),
              "failure.reason");
          expect(granted.size(), 0, "nothing granted");
          break;
        case GRANT_FAILS:
          expect(failure.get("stage").asText(), "resolution", "failure.stage");
          expect(failure.get("error_type").asText(), IllegalStateException.class.getName(),
              "failure.error_type");
          expect(failure.get("reason").asText(), ConcurrencyTargets.noNode(askId),
              "failure.reason");
          expect(granted.size(), 0, "nothing granted");
          break;
        case FAILS_AFTER_GRANT:
          expect(failure.get("stage").asText(), "finalization", "failure.stage");
          expect(failure.get("error_type").asText(), IllegalArgumentException.class.getName(),
              "failure.error_type");
          expect(failure.get("reason").asText(), ConcurrencyTargets.noCapacity(askId),
              "failure.reason");
          break;
        default:
          throw new IllegalStateException(outcome + " must not fail");
      }
    }

    private static boolean isTerminal(String name) {
      return name.equals("envelope.finalized") || name.equals("envelope.failed");
    }

    private static String eventName(String phase) {
      switch (phase) {
        case "admission":
          return "admitted";
        default:
          return phase;
      }
    }

    private static void expect(Object actual, Object expected, String what) {
      if (!expected.equals(actual)) {
        throw new IllegalStateException(what + ": " + actual + ", expected " + expected);
      }
    }
  }
}
