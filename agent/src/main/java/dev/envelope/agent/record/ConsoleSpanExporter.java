package dev.envelope.agent.record;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exporter used when no OTLP endpoint is configured: one line per span on stdout,
 * {@code [envelope-agent] span {...}}, with typed attributes and events as JSON. It goes to the
 * agent's own output rather than {@code java.util.logging}, which belongs to the application.
 */
public final class ConsoleSpanExporter implements SpanExporter {
  static final String PREFIX = "[envelope-agent] span ";
  private final PrintStream out;

  public ConsoleSpanExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      out.println(PREFIX + toJson(span));
    }
    return CompletableResultCode.ofSuccess();
  }

  static String toJson(SpanData span) {
    StringBuilder sb = new StringBuilder(1024);
    JsonWriter w = new JsonWriter(sb);
    w.beginObject()
        .field("name", span.getName())
        .field("kind", span.getKind().name())
        .field("trace_id", span.getTraceId())
        .field("span_id", span.getSpanId())
        .field("parent_span_id", span.getParentSpanContext().isValid()
            ? span.getParentSpanId() : null)
        .field("status", span.getStatus().getStatusCode().name())
        .field("duration_us", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000)
        .field("service_name", span.getResource().getAttribute(AttributeKey.stringKey("service.name")))
        .name("attributes").value(toMap(span.getAttributes()))
        .name("events").beginArray();
    for (EventData event : span.getEvents()) {
      w.beginObject()
          .field("name", event.getName())
          .name("attributes").value(toMap(event.getAttributes()))
          .endObject();
    }
    w.endArray().endObject();
    return sb.toString();
  }

  private static Map<String, Object> toMap(Attributes attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach((k, v) -> out.put(k.getKey(), v));
    return out;
  }

  @Override
  public CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
