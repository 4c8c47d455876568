package dev.envelope.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSpanExporterTest {

  @Test
  void oneJsonLinePerSpanWithTypedAttributes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleSpanExporter exporter =
        new ConsoleSpanExporter(new PrintStream(out, true, StandardCharsets.UTF_8));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    Span span = provider.get("t").spanBuilder("serving.deploy_model").startSpan();
    span.setAttribute(AttributeKey.longKey("envelope.requested.gpu_count"), 4L);
    span.setAttribute(AttributeKey.doubleKey("envelope.granted.gpu_count"), 0.5);
    span.setAttribute(AttributeKey.stringArrayKey("envelope.requested.zones"), List.of("a", "b"));
    span.setAttribute("envelope.caller.note", "line\nbreak \u2028 \"quoted\"");
    span.addEvent("envelope.admitted", Attributes.of(AttributeKey.longKey("envelope.seq"), 1L));
    span.end();
    provider.shutdown();

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(1);
    assertThat(lines[0]).startsWith(ConsoleSpanExporter.PREFIX);
    JsonNode json = new ObjectMapper().readTree(lines[0].substring(ConsoleSpanExporter.PREFIX.length()));
    assertThat(json.get("name").textValue()).isEqualTo("serving.deploy_model");
    assertThat(json.get("kind").textValue()).isEqualTo("INTERNAL");
    assertThat(json.get("parent_span_id").isNull()).isTrue();
    JsonNode attributes = json.get("attributes");
    assertThat(attributes.get("envelope.requested.gpu_count").isIntegralNumber()).isTrue();
    assertThat(attributes.get("envelope.granted.gpu_count").doubleValue()).isEqualTo(0.5);
    assertThat(attributes.get("envelope.requested.zones").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(attributes.get("envelope.caller.note").textValue())
        .isEqualTo("line\nbreak \u2028 \"quoted\"");
    assertThat(json.get("events").get(0).get("name").textValue()).isEqualTo("envelope.admitted");
    assertThat(json.get("events").get(0).get("attributes").get("envelope.seq").longValue())
        .isEqualTo(1L);
  }
}
