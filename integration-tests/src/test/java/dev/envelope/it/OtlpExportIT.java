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
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OTLP conformance: the sample backend with the agent exports over OTLP/HTTP protobuf to a receiver
 * that decodes with the official {@code opentelemetry-proto} classes, as a collector would.
 */
class OtlpExportIT {
  static OtlpReceiver receiver;
  static Events events;
  static List<String> diagnostics;
  static final List<Span> spans = new ArrayList<>();
  static final List<Resource> spanResources = new ArrayList<>();
  static final List<LogRecord> logs = new ArrayList<>();

  @BeforeAll
  static void exportThroughOtlp() throws Exception {
    receiver = OtlpReceiver.start();
    Path dir = ForkedJvm.newWorkDir("otlp");
    ForkedJvm jvm = ForkedJvm.builder(dir).withAgent()
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .env("OTEL_SERVICE_NAME", "serving-api")
        .env("OTEL_LOGS_EXPORTER", "otlp")
        .jar(ForkedJvm.sampleJar()).args("--port", "0").start();
    try (jvm) {
      int port = Integer.parseInt(jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
          java.time.Duration.ofSeconds(60)));
      Map<String, String> h = SampleBackendEnvelopeIT.headers("req-otlp-ok");
      assertThat(Http.post(port, "/serving/deploy_model", SampleBackendEnvelopeIT.FULL_BODY, h).status)
          .isEqualTo(201);
      assertThat(Http.post(port, "/serving/deploy_model",
          "{\"model\":\"m\",\"engine\":\"sglang\",\"gpu_count\":1}",
          SampleBackendEnvelopeIT.headers("req-otlp-bad")).status).isEqualTo(400);
      jvm.stop(java.time.Duration.ofSeconds(60));
      diagnostics = jvm.agentDiagnostics();
      assertThat(jvm.stdout()).as("no console spans once OTLP is configured")
          .doesNotContain("[envelope-agent] span");
    }
    events = Events.read(dir.resolve("envelope-events.jsonl"));
    receiver.traces().forEach(r -> r.getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
        .forEach(ss -> ss.getSpansList().forEach(s -> {
          spans.add(s);
          spanResources.add(rs.getResource());
        }))));
    receiver.logs().forEach(r -> r.getResourceLogsList().forEach(rl -> rl.getScopeLogsList()
        .forEach(sl -> logs.addAll(sl.getLogRecordsList()))));
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }



  static Span spanOf(String requestId) {
    String id = events.forRequest(requestId).get(0).get("envelope_id").asText();
    return spans.stream()
        .filter(s -> id.equals(attributes(s.getAttributesList()).get("envelope.id").getStringValue()))
        .findFirst().orElseThrow(() -> new AssertionError("no span for " + requestId + " in " + spans));
  }

  @Test
  void spansArriveAsProtobufWithTheirNameKindResourceAndNoErrors() {
    assertThat(receiver.contentTypes()).isNotEmpty().allMatch("application/x-protobuf"::equals);
    assertThat(diagnostics).isEmpty();
    assertThat(spans).hasSize(2);
    for (int i = 0; i < spans.size(); i++) {
      assertThat(spans.get(i).getName()).isEqualTo("serving.deploy_model");
      assertThat(spans.get(i).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
      assertThat(spans.get(i).getParentSpanId().isEmpty()).as("a root span: no HTTP span around it").isTrue();
      assertThat(attributes(spanResources.get(i).getAttributesList()).get("service.name").getStringValue())
          .isEqualTo("serving-api");
    }
  }

  @Test
  void attributesKeepTheirTypes() {
    Span span = spanOf("req-otlp-ok");
    Map<String, AnyValue> a = attributes(span.getAttributesList());
    assertThat(a.get("envelope.requested.gpu_count").getValueCase()).isEqualTo(AnyValue.ValueCase.INT_VALUE);
    assertThat(a.get("envelope.requested.gpu_count").getIntValue()).isEqualTo(1);
    assertThat(a.get("envelope.requested.engine").getStringValue()).isEqualTo("vllm");
    assertThat(a.get("envelope.caller.requester_urn").getStringValue()).isEqualTo("urn:user:alice");
    assertThat(a.get("envelope.phase").getStringValue()).isEqualTo("finalized");
    assertThat(a.get("envelope.granted.engine").getStringValue()).isEqualTo("vllm-0.6");
    assertThat(a.get("envelope.resolution.node").getStringValue()).startsWith("gpu-node-");
    assertThat(span.getEventsList()).extracting(e -> e.getName())
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    JsonNode admitted = events.forRequest("req-otlp-ok").get(0);
    assertThat(hex(span.getTraceId())).isEqualTo(admitted.get("trace_id").asText());
    assertThat(hex(span.getSpanId())).isEqualTo(admitted.get("span_id").asText());
  }

  @Test
  void aFailedEnvelopeSetsErrorStatusAndRecordsTheException() {
    Span span = spanOf("req-otlp-bad");
    assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(span.getStatus().getMessage()).contains("sglang");
    assertThat(span.getEventsList()).extracting(e -> e.getName())
        .containsExactly("envelope.admitted", "envelope.failed", "exception");
    Map<String, AnyValue> a = attributes(span.getAttributesList());
    assertThat(a.get("envelope.failure.stage").getStringValue()).isEqualTo("admission");
    assertThat(a.get("envelope.failure.error_type").getStringValue())
        .isEqualTo("dev.envelope.sample.serving.InvalidRequestException");
  }

  @Test
  void everyTransitionIsAlsoAnOtlpLogRecordJoinedToItsSpan() throws Exception {
    assertThat(logs).hasSize(events.size());
    for (List<JsonNode> es : events.byEnvelope().values()) {
      for (JsonNode line : es) {
        LogRecord record = logs.stream()
            .filter(l -> attributes(l.getAttributesList()).get("envelope.id").getStringValue()
                .equals(line.get("envelope_id").asText())
                && attributes(l.getAttributesList()).get("envelope.seq").getIntValue() == line.get("seq").asLong())
            .findFirst().orElseThrow(() -> new AssertionError("no log record for " + line));
        assertThat(record.getEventName()).isEqualTo(line.get("event").asText());
        assertThat(hex(record.getTraceId())).isEqualTo(line.get("trace_id").asText());
        assertThat(hex(record.getSpanId())).isEqualTo(line.get("span_id").asText());
        JsonNode body = Events.parse(record.getBody().getStringValue());
        assertThat(body.get("envelope_id").asText()).isEqualTo(line.get("envelope_id").asText());
        assertThat(body.get("phase").asText()).isEqualTo(line.get("phase").asText());
        assertThat(body).isEqualTo(line.get("envelope"));
      }
    }
    assertThat(logs.stream().map(LogRecord::getEventName).distinct().collect(Collectors.toList()))
        .containsExactlyInAnyOrder("envelope.admitted", "envelope.resolved", "envelope.finalized",
            "envelope.failed");
  }
}
