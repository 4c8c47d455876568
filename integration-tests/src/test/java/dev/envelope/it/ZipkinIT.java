package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.HeadlessChromium;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.OtlpZipkinRelay;
import dev.envelope.it.support.ZipkinServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real trace backend end to end: a Zipkin server (the executable jar from Maven Central) on
 * loopback, the sample backend with the agent exporting OTLP/HTTP to it, and the envelope spans and
 * their tags read back through Zipkin's HTTP API, as an operator finds them. With Debian's
 * {@code chromium} present, a screenshot of Zipkin's trace page is taken too.
 *
 * <p>Zipkin server has no OTLP collector and the {@code zipkin-otel} module that adds one is not on
 * Maven Central, so the spans reach Zipkin through {@link OtlpZipkinRelay}: OTLP/HTTP in, the
 * specification's OpenTelemetry-to-Zipkin mapping, Zipkin's own {@code /api/v2/spans} out.
 */
class ZipkinIT {
  static final String SERVICE = "serving-api";
  static final Duration ARRIVAL = Duration.ofSeconds(30);

  static ZipkinServer zipkin;
  static OtlpZipkinRelay relay;
  static Path appDir;
  static Events events;
  static Http.Reply narrowReply;
  static Http.Reply badReply;
  static List<String> diagnostics;
  static JsonNode narrowAdmitted;
  static JsonNode badAdmitted;
  static JsonNode narrowSpan;
  static JsonNode badSpan;

  @BeforeAll
  static void exportToZipkin() throws Exception {
    zipkin = ZipkinServer.start(ForkedJvm.newWorkDir("zipkin-server"));
    appDir = ForkedJvm.newWorkDir("zipkin-app");
    relay = OtlpZipkinRelay.start(zipkin.baseUrl(), appDir.resolve("relayed"));
    try (ForkedJvm jvm = ForkedJvm.builder(appDir).withAgent()
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", relay.endpoint())
        .env("OTEL_SERVICE_NAME", SERVICE)
        .jar(ForkedJvm.sampleJar()).args("--port", "0").start()) {
      int port = Integer.parseInt(jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
          Duration.ofSeconds(60)));
      narrowReply = Http.post(port, SampleBackendEnvelopeIT.DEPLOY,
          "{\"model\":\"llama-3.1-70b-instruct\",\"engine\":\"vllm\",\"gpu_count\":4,\"location\":\"us-west\"}",
          SampleBackendEnvelopeIT.headers("req-zipkin-narrow"));
      badReply = Http.post(port, SampleBackendEnvelopeIT.DEPLOY,
          "{\"model\":\"m\",\"engine\":\"sglang\",\"gpu_count\":1}",
          SampleBackendEnvelopeIT.headers("req-zipkin-bad"));
      // SIGTERM: the agent's shutdown hook flushes the spans still batched.
      jvm.stop(Duration.ofSeconds(60));
      diagnostics = jvm.agentDiagnostics();
    }
    events = Events.read(appDir.resolve("envelope-events.jsonl"));
    narrowAdmitted = events.forRequest("req-zipkin-narrow").get(0);
    badAdmitted = events.forRequest("req-zipkin-bad").get(0);

    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    narrowSpan = awaitSpan(narrowAdmitted, deadline);
    badSpan = awaitSpan(badAdmitted, deadline);
  }

  /** Polls Zipkin's API until the span of the event's envelope is stored in the event's trace. */
  static JsonNode awaitSpan(JsonNode event, long deadline) throws Exception {
    String traceId = event.get("trace_id").asText();
    String envelopeId = event.get("envelope_id").asText();
    List<JsonNode> spans = List.of();
    while (true) {
      spans = zipkin.trace(traceId);
      for (JsonNode span : spans) {
        if (envelopeId.equals(span.at("/tags/envelope.id").asText())) {
          return span;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Zipkin has no span of envelope " + envelopeId + " in trace "
            + traceId + " after " + ARRIVAL + "; it has " + spans + "; relay: " + relay.exports()
            + " exports, " + relay.spansForwarded() + " spans forwarded, failures "
            + relay.failures() + "; agent diagnostics " + diagnostics);
      }
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stopZipkin() {
    if (relay != null) {
      relay.close();
    }
    if (zipkin != null) {
      zipkin.close();
    }
  }

  @Test
  void spansReachZipkinAsOtlpProtobufWithoutLossOrDiagnostics() {
    assertThat(narrowReply.status).isEqualTo(201);
    assertThat(badReply.status).isEqualTo(400);
    assertThat(diagnostics).as("agent diagnostics on stderr").isEmpty();
    assertThat(relay.contentTypes()).isNotEmpty().allMatch("application/x-protobuf"::equals);
    assertThat(relay.failures()).isEmpty();
    assertThat(relay.spansForwarded()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void zipkinListsTheServiceAndItsTraces() throws Exception {
    assertThat(zipkin.api("/api/v2/services")).extracting(JsonNode::asText).contains(SERVICE);
    assertThat(zipkin.api("/api/v2/spans?serviceName=" + SERVICE)).extracting(JsonNode::asText)
        .contains("serving.deploy_model");
    List<String> traceIds = new ArrayList<>();
    for (JsonNode trace : zipkin.api("/api/v2/traces?serviceName=" + SERVICE + "&limit=50")) {
      trace.forEach(span -> traceIds.add(span.get("traceId").asText()));
    }
    assertThat(traceIds).contains(narrowAdmitted.get("trace_id").asText(),
        badAdmitted.get("trace_id").asText());
    List<String> found = new ArrayList<>();
    for (JsonNode trace : zipkin.api("/api/v2/traces?serviceName=" + SERVICE
        + "&spanName=serving.deploy_model&annotationQuery=envelope.phase%3Dfinalized")) {
      trace.forEach(span -> found.add(span.at("/tags/envelope.id").asText()));
    }
    assertThat(found).as("Zipkin's tag search finds the finalized envelope, not the failed one")
        .contains(narrowAdmitted.get("envelope_id").asText())
        .doesNotContain(badAdmitted.get("envelope_id").asText());
  }

  @Test
  void theNarrowedEnvelopeSpanCarriesRequestedAndGrantedTags() throws Exception {
    JsonNode tags = narrowSpan.get("tags");
    assertThat(narrowSpan.get("name").asText()).isEqualTo("serving.deploy_model");
    assertThat(narrowSpan.at("/localEndpoint/serviceName").asText()).isEqualTo(SERVICE);
    assertThat(narrowSpan.get("traceId").asText()).isEqualTo(narrowAdmitted.get("trace_id").asText());
    assertThat(narrowSpan.get("id").asText()).isEqualTo(narrowAdmitted.get("span_id").asText());
    assertThat(tags.get("envelope.id").asText()).isEqualTo(narrowAdmitted.get("envelope_id").asText());
    assertThat(tags.get("envelope.phase").asText()).isEqualTo("finalized");
    assertThat(tags.get("envelope.caller.requester_urn").asText()).isEqualTo("urn:user:alice");
    assertThat(tags.get("envelope.caller.request_id").asText()).isEqualTo("req-zipkin-narrow");
    assertThat(tags.get("envelope.requested.gpu_count").asText()).isEqualTo("4");
    double granted = Events.parse(narrowReply.body).get("gpu_count").asDouble();
    assertThat(granted).isEqualTo(2.0);
    assertThat(Double.parseDouble(tags.get("envelope.granted.gpu_count").asText())).isEqualTo(granted);
    assertThat(tags.has("error")).isFalse();
    assertThat(narrowSpan.get("annotations")).extracting(a -> a.get("value").asText())
        .anyMatch(v -> v.startsWith("\"envelope.admitted\""))
        .anyMatch(v -> v.startsWith("\"envelope.resolved\""))
        .anyMatch(v -> v.startsWith("\"envelope.finalized\""));
    // The JSON Lines record of truth and the trace backend tell the same story.
    List<JsonNode> lines = events.forRequest("req-zipkin-narrow");
    JsonNode last = lines.get(lines.size() - 1);
    assertThat(last.get("trace_id").asText()).isEqualTo(narrowSpan.get("traceId").asText());
    assertThat(last.at("/envelope/requested/gpu_count").asLong()).isEqualTo(4);
    assertThat(last.at("/envelope/granted/gpu_count").asDouble()).isEqualTo(granted);
  }

  @Test
  void theFailedEnvelopeSpanIsAnErrorAtAdmission() {
    JsonNode tags = badSpan.get("tags");
    assertThat(badSpan.get("name").asText()).isEqualTo("serving.deploy_model");
    assertThat(badSpan.get("traceId").asText()).isEqualTo(badAdmitted.get("trace_id").asText());
    assertThat(tags.get("envelope.id").asText()).isEqualTo(badAdmitted.get("envelope_id").asText());
    assertThat(tags.get("error").asText()).contains("sglang");
    assertThat(tags.get("otel.status_code").asText()).isEqualTo("ERROR");
    assertThat(tags.get("envelope.phase").asText()).isEqualTo("failed");
    assertThat(tags.get("envelope.failure.stage").asText()).isEqualTo("admission");
    assertThat(tags.get("envelope.failure.error_type").asText())
        .isEqualTo("dev.envelope.sample.serving.InvalidRequestException");
    assertThat(tags.has("envelope.granted.gpu_count")).isFalse();
    assertThat(badSpan.get("annotations")).extracting(a -> a.get("value").asText())
        .anyMatch(v -> v.startsWith("\"envelope.failed\""))
        .anyMatch(v -> v.startsWith("\"exception\""));
  }

  @Test
  void zipkinsTracePageShowsTheEnvelopeSpanWithRequestedAndGrantedTags() throws Exception {
    if (!HeadlessChromium.installed()) {
      String why = HeadlessChromium.BINARY + " not found: the screenshot of Zipkin's trace page is"
          + " skipped (apt-get install chromium); the API assertions still ran";
      System.out.println("[ZipkinIT] " + why);
      Assumptions.abort(why);
    }
    String url = zipkin.baseUrl() + "/zipkin/traces/" + narrowSpan.get("traceId").asText();
    Path screenshot = Paths.get(System.getProperty("envelope.it.zipkinScreenshot",
        "target/zipkin-trace.png")).toAbsolutePath();
    Files.deleteIfExists(screenshot);
    try (HeadlessChromium browser = HeadlessChromium.start(
        Files.createTempDirectory(appDir, "chromium-"), 1280, 1200)) {
      browser.navigate(url);
      browser.awaitText(Duration.ofSeconds(30), "serving-api: serving.deploy_model");
      // Select the envelope span in the timeline: Zipkin opens the root span's detail, and the
      // envelope span is the root only as long as no HTTP server span wraps it.
      assertThat(browser.evaluate(SELECT_ENVELOPE_SPAN).asInt()).as("timeline rows clicked").isPositive();
      browser.awaitText(Duration.ofSeconds(10), "envelope.granted.gpu_count");
      // Zipkin's trace page shows the selected span's detail beside the timeline: first its annotations
      // (one per envelope event, each with its attributes as JSON, long), then its tags. Fold the
      // annotations as a person would, and bring the requested/granted tags into view.
      assertThat(browser.evaluate(FOLD_ANNOTATIONS).asBoolean()).as("the Annotation fold button").isTrue();
      if (!awaitTrue(browser, TAGS_IN_VIEW, Duration.ofSeconds(3))) {
        browser.evaluate(SCROLL_TO_TAGS); // a short window: scroll the detail pane to them
        assertThat(awaitTrue(browser, TAGS_IN_VIEW, Duration.ofSeconds(5)))
            .as("requested/granted tags in view; the page shows:\n%s", browser.text()).isTrue();
      }
      String text = browser.text();
      // Tag rows read "key<tab>value".
      assertThat(text).contains("serving-api: serving.deploy_model")
          .containsPattern("envelope\\.requested\\.gpu_count\\s+4\\s")
          .containsPattern("envelope\\.granted\\.gpu_count\\s+2\\s")
          .containsPattern("envelope\\.phase\\s+finalized\\s")
          .containsPattern("envelope\\.id\\s+" + narrowAdmitted.get("envelope_id").asText());
      browser.screenshot(screenshot);
    }
    assertThat(Files.size(screenshot)).as("a rendered page, not a blank one").isGreaterThan(20_000);
    System.out.println("[ZipkinIT] screenshot of " + url + " in " + screenshot);
  }

  /** Polls a JavaScript condition until it holds or {@code timeout} passes. */
  static boolean awaitTrue(HeadlessChromium browser, String condition, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!browser.evaluate(condition).asBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /** Clicks the span named serving.deploy_model wherever the page shows it (timeline row, title). */
  static final String SELECT_ENVELOPE_SPAN = "(() => {"
      + " const cells = [...document.querySelectorAll('*')].filter(e => e.children.length === 0"
      + " && e.textContent.trim() === '" + SERVICE + ": serving.deploy_model');"
      + " cells.forEach(e => e.click()); return cells.length; })()";

  /** Clicks the fold button beside the span detail's "Annotation" heading; true if it found it. */
  static final String FOLD_ANNOTATIONS = "(() => {"
      + " const label = [...document.querySelectorAll('p')].find(e => e.textContent.trim() === 'Annotation');"
      + " const button = label && label.parentElement.querySelector('button');"
      + " if (!button) return false; button.click(); return true; })()";

  static final String TAG_CELLS = "[...document.querySelectorAll('*')].filter(e => e.children.length === 0"
      + " && (e.textContent.trim() === 'envelope.requested.gpu_count'"
      + " || e.textContent.trim() === 'envelope.granted.gpu_count'))";

  /** True once both tag names are laid out inside the window. */
  static final String TAGS_IN_VIEW = "(() => { const cells = " + TAG_CELLS + ";"
      + " return cells.length === 2 && cells.every(e => { const r = e.getBoundingClientRect();"
      + " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }); })()";

  static final String SCROLL_TO_TAGS = "(() => { const cells = " + TAG_CELLS + ";"
      + " if (cells.length) cells[0].scrollIntoView({block: 'center'}); return cells.length; })()";
}
