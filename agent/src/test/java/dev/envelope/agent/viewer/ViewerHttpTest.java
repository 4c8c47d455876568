package dev.envelope.agent.viewer;

import static dev.envelope.agent.viewer.Envelopes.admitted;
import static dev.envelope.agent.viewer.Envelopes.transition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.agent.capture.CaptureLimits;
import dev.envelope.agent.capture.CaptureStats;
import dev.envelope.agent.capture.FamilyCapture;
import dev.envelope.agent.capture.FieldSelection;
import dev.envelope.agent.capture.Flattener;
import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.config.ViewerConfig;
import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.record.EventEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The viewer in process, on a free loopback port, asked by a real HTTP client. */
class ViewerHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEMPLATE = "http://localhost:16686/trace/{trace_id}";
  private static final String SECRET = "s3cr3t-session-value-4711";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
  private PrintStream stderr;
  private Viewer viewer;

  @BeforeEach
  void captureDiagnostics() throws Exception {
    stderr = swapDiagnostics(new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    if (viewer != null) {
      viewer.stop();
    }
    swapDiagnostics(stderr);
  }

  private static PrintStream swapDiagnostics(PrintStream to) throws Exception {
    Field err = Diagnostics.class.getDeclaredField("err");
    err.setAccessible(true);
    PrintStream was = (PrintStream) err.get(null);
    err.set(null, to);
    return was;
  }

  private Viewer start(int capacity, String traceUrl) {
    viewer = Viewer.start(ViewerConfig.of(0, "127.0.0.1", traceUrl, capacity),
        new EventEncoder("svc"));
    assertThat(viewer).as("started; diagnostics: %s", diagnostics).isNotNull();
    return viewer;
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(viewer.url() + pathAndQuery.substring(1))).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode api(String query) throws Exception {
    HttpResponse<String> r = get("/api/envelopes" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> ids(JsonNode api) {
    List<String> ids = new ArrayList<>();
    api.get("envelopes").forEach(e -> ids.add(e.get("envelope_id").asText()));
    return ids;
  }

  /** Three envelopes: 1 narrowed and finalized (acme), 2 failed (globex), 3 admitted (acme). */
  private void recordThree() {
    Envelope one = admitted(1, "serving", "deploy_model", "acme");
    Envelope two = admitted(2, "serving", "deploy_model", "globex");
    Envelope three = admitted(3, "inference", "complete", "acme");
    viewer.recorder().record(transition(one, 1));
    viewer.recorder().record(transition(two, 1));
    Envelope resolved = Envelopes.narrowed(one);
    viewer.recorder().record(transition(resolved, 2));
    viewer.recorder().record(transition(
        resolved.finalizeWith(Envelopes.fields(), List.of(), resolved.admittedAt().plusMillis(9)), 3));
    viewer.recorder().record(transition(Envelopes.failed(two), 2));
    viewer.recorder().record(transition(three, 1));
  }

  @Test
  void saysWhereItIsInOneLine() {
    start(10, null);
    assertThat(viewer.url()).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(diagnostics.toString(StandardCharsets.UTF_8))
        .isEqualTo("[envelope-agent] INFO envelope viewer at " + viewer.url()
            + System.lineSeparator());
  }

  @Test
  void theApiListsTheLatestSnapshotOfEachEnvelopeNewestFirst() throws Exception {
    start(10, TEMPLATE);
    recordThree();
    JsonNode all = api("");
    assertThat(all.get("capacity").asInt()).isEqualTo(10);
    assertThat(all.get("kept").asInt()).isEqualTo(3);
    assertThat(all.get("matched").asInt()).isEqualTo(3);
    assertThat(all.get("trace_url").asText()).isEqualTo(TEMPLATE);
    assertThat(ids(all)).containsExactly(Envelopes.id(3), Envelopes.id(2), Envelopes.id(1));
    JsonNode first = all.get("envelopes").get(2);
    assertThat(first.get("event").asText()).isEqualTo("envelope.finalized");
    assertThat(first.get("seq").asInt()).isEqualTo(3);
    assertThat(first.at("/envelope/requested/gpu_count").asInt()).isEqualTo(4);
    assertThat(first.at("/envelope/granted/gpu_count").asInt()).isEqualTo(2);
    assertThat(first.at("/envelope/timeline/finalized_at").asText()).endsWith("Z");
    JsonNode failed = all.get("envelopes").get(1);
    assertThat(failed.at("/envelope/failure/stage").asText()).isEqualTo("admission");
    assertThat(failed.at("/envelope/failure/reason").asText()).contains("sglang");
    assertThat(all.at("/choices/operation").toString())
        .isEqualTo("[\"inference.complete\",\"serving.deploy_model\"]");
    assertThat(all.at("/choices/tenant").toString()).isEqualTo("[\"acme\",\"globex\"]");
  }

  @Test
  void theApiFiltersByOperationTenantAndPhase() throws Exception {
    start(10, null);
    recordThree();
    assertThat(api("?operation=serving.deploy_model").get("trace_url").isNull()).isTrue();
    assertThat(ids(api("?operation=serving.deploy_model")))
        .containsExactly(Envelopes.id(2), Envelopes.id(1));
    assertThat(ids(api("?operation=complete"))).containsExactly(Envelopes.id(3));
    assertThat(ids(api("?tenant=acme"))).containsExactly(Envelopes.id(3), Envelopes.id(1));
    assertThat(ids(api("?phase=failed"))).containsExactly(Envelopes.id(2));
    assertThat(ids(api("?tenant=acme&phase=finalized"))).containsExactly(Envelopes.id(1));
    JsonNode limited = api("?tenant=acme&limit=1");
    assertThat(ids(limited)).containsExactly(Envelopes.id(3));
    assertThat(limited.get("matched").asInt()).isEqualTo(2);
  }

  @Test
  void theRingKeepsOnlyItsCapacity() throws Exception {
    start(2, null);
    recordThree();
    assertThat(ids(api(""))).containsExactly(Envelopes.id(3), Envelopes.id(2));
  }

  @Test
  void unknownPathsOtherMethodsAndBadQueriesAreRefusedInOneLine() throws Exception {
    start(10, null);
    HttpResponse<String> missing = get("/api/envelopes/x");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
    assertThat(get("/viewer.html").statusCode()).isEqualTo(404);
    HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(viewer.url() + "api/envelopes"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(send(HttpRequest.newBuilder(URI.create(viewer.url())).DELETE()).statusCode())
        .isEqualTo(405);
    HttpResponse<String> bad = get("/api/envelopes?phase=done");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo(
        "phase 'done' is not one of admission, resolved, finalized, failed\n");
    for (HttpResponse<String> r : List.of(missing, post, bad)) {
      assertThat(r.body().trim()).doesNotContain("\n");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void everyAnswerForbidsCachingSniffingAndForeignContent() throws Exception {
    start(10, null);
    for (String path : List.of("/", "/api/envelopes", "/nope")) {
      HttpResponse<String> r = get(path);
      assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
          .startsWith("default-src 'none';").contains("frame-ancestors 'none'")
          .doesNotContain("unsafe");
    }
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<title>Envelope viewer</title>");
    assertThat(page.headers().firstValue("Content-Security-Policy").get())
        .contains("script-src 'sha256-").contains("style-src 'sha256-")
        .contains("connect-src 'self'");
    assertThat(get("/api/envelopes").headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
  }

  @Test
  void aForeignHostNameIsRefusedAgainstDnsRebinding() throws Exception {
    start(10, null);
    HttpClient raw = HttpClient.newHttpClient();
    // HttpClient sets Host from the URI; a rebinding page's request names its own host instead.
    int port = URI.create(viewer.url()).getPort();
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("GET /api/envelopes HTTP/1.1\r\nHost: evil.example:" + port
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("envelopes\":");
    }
    assertThat(raw.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/envelopes"))
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void aSecretCapturedAsRedactedNeverReachesTheApiOrThePage() throws Exception {
    start(10, TEMPLATE);
    Flattener flattener = new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null),
        new CaptureStats());
    FamilyCapture caller = flattener.newFamily("caller");
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("requester_urn", "urn:user:alice");
    context.put("tenant_id", "acme");
    context.put("session_token", SECRET);
    context.put("password", SECRET);
    flattener.capture(context, "", "ctx", FieldSelection.ALL, false, caller);
    Envelope e = admitted(7, "serving", "deploy_model", caller.fields(), caller.redacted());
    viewer.recorder().record(transition(e, 1));

    String body = get("/api/envelopes").body();
    assertThat(body).doesNotContain(SECRET).contains("[REDACTED]").contains("caller.session_token");
    assertThat(get("/").body()).doesNotContain(SECRET);
    assertThat(JSON.readTree(body).at("/envelopes/0/envelope/caller/password").asText())
        .isEqualTo("[REDACTED]");
  }

  @Test
  void aPortInUseIsOneWarningAndNoViewer() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Viewer none = Viewer.start(ViewerConfig.of(taken.getLocalPort(), "127.0.0.1", null, 10),
          new EventEncoder("svc"));
      assertThat(none).isNull();
    }
    String said = diagnostics.toString(StandardCharsets.UTF_8);
    assertThat(said.split("\n")).singleElement().asString()
        .startsWith("[envelope-agent] WARN the envelope viewer did not start on 127.0.0.1:")
        .contains("BindException").contains("runs on without it");
  }

  @Test
  void anUnknownBindAddressIsOneWarningAndNoViewer() {
    assertThat(Viewer.start(ViewerConfig.of(0, "no-such-host.invalid", null, 10),
        new EventEncoder("svc"))).isNull();
    assertThat(diagnostics.toString(StandardCharsets.UTF_8).split("\n")).singleElement().asString()
        .contains("did not start on no-such-host.invalid:0").contains("UnknownHostException");
  }

  @Test
  void aNonLoopbackBindIsWarnedAbout() throws Exception {
    viewer = Viewer.start(ViewerConfig.of(0, "0.0.0.0", null, 10), new EventEncoder("svc"));
    assertThat(viewer).isNotNull();
    String said = diagnostics.toString(StandardCharsets.UTF_8);
    assertThat(said).contains("WARN viewer.bind=0.0.0.0 is not a loopback address")
        .contains("no authentication").contains("INFO envelope viewer at http://0.0.0.0:");
  }

  @Test
  void stoppingClosesThePortAtOnce() throws Exception {
    start(10, null);
    URI api = URI.create(viewer.url() + "api/envelopes");
    assertThat(http.send(HttpRequest.newBuilder(api).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    long t0 = System.nanoTime();
    viewer.stop();
    assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to stop").isLessThan(1_000);
    viewer = null;
    try (java.net.Socket s = new java.net.Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> s.connect(new java.net.InetSocketAddress("127.0.0.1", api.getPort()), 1000))
          .isInstanceOf(java.net.ConnectException.class);
    }
  }

  @Test
  void theServerRunsOnDaemonThreadsOnly() throws Exception {
    start(10, null);
    get("/api/envelopes");
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("HTTP-Dispatcher") || t.getName().startsWith("envelope-agent-viewer")) {
        assertThat(t.isDaemon()).as(t.getName()).isTrue();
      }
    }
  }
}
