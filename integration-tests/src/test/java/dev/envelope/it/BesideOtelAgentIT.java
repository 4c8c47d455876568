package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import static dev.envelope.it.support.Otlp.attributes;
import static dev.envelope.it.support.Otlp.hex;

import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.OtlpReceiver;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The envelope agent beside the OpenTelemetry Java agent most JVMs already run: one trace, one SDK,
 * one export pipeline. The envelope span is a child of the OpenTelemetry agent's HTTP server span,
 * and that agent's HTTP client span inside the admission (the call to the registry) is a child of
 * the envelope span.
 */
class BesideOtelAgentIT {
  record Exported(Span span, Resource resource, String scope) {}

  static OtlpReceiver receiver;
  static final List<Exported> spans = new ArrayList<>();
  static Events events;
  static String stderr;
  static int status;

  @BeforeAll
  static void runBothAgents() throws Exception {
    Path otelAgent = Paths.get(System.getProperty("envelope.it.otelAgentJar", ""));
    assertThat(Files.isRegularFile(otelAgent)).as("the build fetches " + otelAgent).isTrue();
    receiver = OtlpReceiver.start();
    Path registryDir = ForkedJvm.newWorkDir("beside-otel-registry");
    Path dir = ForkedJvm.newWorkDir("beside-otel");
    try (ForkedJvm registry = ForkedJvm.builder(registryDir)
        .mainClass(ForkedJvm.sampleJar().toString(), "dev.envelope.sample.registry.RegistryApp")
        .args("--port", "0").start()) {
      String registryPort = registry.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
          Duration.ofSeconds(60));
      // The envelope agent comes first on the command line, so the OpenTelemetry agent is not
      // there yet when it starts: it must find it later, at the first admission.
      try (ForkedJvm serving = ForkedJvm.builder(dir).withAgent()
          .jvmArg("-javaagent:" + otelAgent)
          .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
          .env("OTEL_SERVICE_NAME", "serving-api")
          .env("OTEL_METRICS_EXPORTER", "none")
          .env("OTEL_LOGS_EXPORTER", "none")
          .env("OTEL_BSP_SCHEDULE_DELAY", "200")
          .jar(ForkedJvm.sampleJar())
          .args("--port", "0", "--registry", "http://127.0.0.1:" + registryPort).start()) {
        int port = Integer.parseInt(serving.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
            Duration.ofSeconds(90)));
        status = Http.post(port, "/serving/deploy_model", SampleBackendEnvelopeIT.FULL_BODY,
            SampleBackendEnvelopeIT.headers("req-beside-otel")).status;
        serving.stop(Duration.ofSeconds(60));
        stderr = serving.stderr();
      }
    }
    events = Events.read(dir.resolve("envelope-events.jsonl"));
    for (var request : receiver.traces()) {
      for (ResourceSpans rs : request.getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span s : ss.getSpansList()) {
            spans.add(new Exported(s, rs.getResource(), ss.getScope().getName()));
          }
        }
      }
    }
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }



  static Exported one(Span.SpanKind kind, String scopePrefix) {
    List<Exported> found = spans.stream()
        .filter(e -> e.span().getKind() == kind && e.scope().startsWith(scopePrefix)).toList();
    assertThat(found).as(kind + " spans from " + scopePrefix + " among " + spans.size()).hasSize(1);
    return found.get(0);
  }

  @Test
  void theApplicationRunsAndTheEnvelopeAgentSaysNothing() {
    assertThat(status).isEqualTo(201);
    assertThat(stderr.lines().filter(l -> l.startsWith("[envelope-agent]")).toList()).isEmpty();
    assertThat(stderr).doesNotContain("LinkageError").doesNotContain("ClassCastException")
        .doesNotContain("NoSuchMethodError");
  }

  @Test
  void theEnvelopeSpanSitsBetweenTheServerSpanAndTheClientSpan() {
    Exported server = one(Span.SpanKind.SPAN_KIND_SERVER, "io.opentelemetry.");
    Exported envelope = one(Span.SpanKind.SPAN_KIND_INTERNAL, "dev.envelope.agent");
    Exported client = one(Span.SpanKind.SPAN_KIND_CLIENT, "io.opentelemetry.");
    assertThat(envelope.span().getName()).isEqualTo("serving.deploy_model");
    assertThat(envelope.span().getTraceId()).isEqualTo(server.span().getTraceId());
    assertThat(envelope.span().getParentSpanId()).as("child of the HTTP server span")
        .isEqualTo(server.span().getSpanId());
    assertThat(client.span().getTraceId()).isEqualTo(envelope.span().getTraceId());
    assertThat(client.span().getParentSpanId()).as("the registry call is a child of the envelope")
        .isEqualTo(envelope.span().getSpanId());
  }

  @Test
  void oneSdkExportsEverything() {
    Exported envelope = one(Span.SpanKind.SPAN_KIND_INTERNAL, "dev.envelope.agent");
    Exported server = one(Span.SpanKind.SPAN_KIND_SERVER, "io.opentelemetry.");
    assertThat(envelope.resource()).as("the same SDK's resource").isEqualTo(server.resource());
    assertThat(attributes(envelope.resource().getAttributesList()).get("telemetry.distro.name")
        .getStringValue()).isEqualTo("opentelemetry-java-instrumentation");
    assertThat(spans.stream().filter(e -> e.scope().startsWith("dev.envelope")).count()).isEqualTo(1);
  }

  @Test
  void theEnvelopeIsOnTheSpanAndInTheEventsFile() {
    Exported envelope = one(Span.SpanKind.SPAN_KIND_INTERNAL, "dev.envelope.agent");
    Map<String, AnyValue> a = attributes(envelope.span().getAttributesList());
    assertThat(a.get("envelope.requested.gpu_count").getIntValue()).isEqualTo(1);
    assertThat(a.get("envelope.caller.requester_urn").getStringValue()).isEqualTo("urn:user:alice");
    assertThat(a.get("envelope.phase").getStringValue()).isEqualTo("finalized");
    assertThat(envelope.span().getEventsList()).extracting(e -> e.getName())
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    List<JsonNode> es = events.forRequest("req-beside-otel");
    assertThat(es.get(0).get("trace_id").asText()).isEqualTo(hex(envelope.span().getTraceId()));
    assertThat(es.get(0).get("span_id").asText()).isEqualTo(hex(envelope.span().getSpanId()));
    assertThat(a.get("envelope.id").getStringValue()).isEqualTo(es.get(0).get("envelope_id").asText());
  }
}
