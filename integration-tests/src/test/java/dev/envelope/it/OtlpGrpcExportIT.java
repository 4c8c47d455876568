package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import static dev.envelope.it.support.Otlp.attributes;
import static dev.envelope.it.support.Otlp.hex;

import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.OtlpGrpcReceiver;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OTLP over gRPC, with {@code envelope-agent-grpc.jar} (the same agent plus a gRPC sender) and a
 * grpc-java receiver using the official OTLP service definitions.
 */
class OtlpGrpcExportIT {
  static OtlpGrpcReceiver receiver;
  static Events events;
  static List<String> diagnostics;
  static final List<Span> spans = new ArrayList<>();
  static final List<LogRecord> logs = new ArrayList<>();
  static final Map<String, String> resource = new LinkedHashMap<>();

  @BeforeAll
  static void exportThroughGrpc() throws Exception {
    Path grpcJar = Paths.get(System.getProperty("envelope.it.agentGrpcJar", ""));
    assertThat(Files.isRegularFile(grpcJar)).as("the build makes " + grpcJar).isTrue();
    receiver = OtlpGrpcReceiver.start();
    Path dir = ForkedJvm.newWorkDir("otlp-grpc");
    try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgentJar(grpcJar)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .env("OTEL_SERVICE_NAME", "serving-api")
        .env("OTEL_LOGS_EXPORTER", "otlp")
        .jar(ForkedJvm.sampleJar()).args("--port", "0").start()) {
      int port = Integer.parseInt(jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
          Duration.ofSeconds(60)));
      assertThat(Http.post(port, "/serving/deploy_model", SampleBackendEnvelopeIT.FULL_BODY,
          SampleBackendEnvelopeIT.headers("req-grpc")).status).isEqualTo(201);
      jvm.stop(Duration.ofSeconds(60));
      diagnostics = jvm.agentDiagnostics();
    }
    events = Events.read(dir.resolve("envelope-events.jsonl"));
    receiver.traces().forEach(r -> r.getResourceSpansList().forEach(rs -> {
      rs.getResource().getAttributesList().forEach(kv -> resource.put(kv.getKey(),
          kv.getValue().getStringValue()));
      rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList()));
    }));
    receiver.logs().forEach(r -> r.getResourceLogsList().forEach(rl -> rl.getScopeLogsList()
        .forEach(sl -> logs.addAll(sl.getLogRecordsList()))));
  }

  @AfterAll
  static void stopReceiver() throws Exception {
    receiver.close();
  }


  @Test
  void theEnvelopeSpanArrivesOverGrpc() {
    assertThat(diagnostics).isEmpty();
    assertThat(spans).hasSize(1);
    Span span = spans.get(0);
    assertThat(span.getName()).isEqualTo("serving.deploy_model");
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
    assertThat(resource.get("service.name")).isEqualTo("serving-api");
    Map<String, AnyValue> a = attributes(span.getAttributesList());
    assertThat(a.get("envelope.requested.gpu_count").getIntValue()).isEqualTo(1);
    assertThat(a.get("envelope.granted.engine").getStringValue()).isEqualTo("vllm-0.6");
    assertThat(span.getEventsList()).extracting(e -> e.getName())
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    JsonNode admitted = events.forRequest("req-grpc").get(0);
    assertThat(hex(span.getTraceId()))
        .isEqualTo(admitted.get("trace_id").asText());
    assertThat(a.get("envelope.id").getStringValue()).isEqualTo(admitted.get("envelope_id").asText());
  }

  @Test
  void theLogRecordsArriveOverGrpcToo() {
    assertThat(logs).extracting(LogRecord::getEventName)
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
  }
}
