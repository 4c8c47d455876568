package dev.envelope.agent.record;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An envelope span of the agent's own OpenTelemetry SDK. */
public final class SdkEnvelopeSpan implements EnvelopeSpan {
  private final Span span;

  public SdkEnvelopeSpan(Span span) {
    this.span = span;
  }

  @Override
  public Span otelSpan() {
    return span;
  }

  @Override
  public boolean isRecording() {
    return span.isRecording();
  }

  @Override
  public void setAttributes(Map<String, Object> attributes) {
    // One at a time: an Attributes instance would be sorted and copied only to be taken apart.
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      SpanAttributes.set(span, e.getKey(), e.getValue());
    }
  }

  @Override
  public void addEvent(String name, Map<String, Object> attributes, Instant at) {
    span.addEvent(name, attributes(attributes),
        at.getEpochSecond() * 1_000_000_000L + at.getNano(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void setError(String errorType, String reason) {
    span.addEvent("exception", Attributes.builder()
        .put("exception.type", errorType)
        .put("exception.message", reason)
        .build());
    span.setStatus(StatusCode.ERROR, reason);
  }

  @Override
  public void end(Instant at) {
    span.end(at);
  }

  @Override
  public AutoCloseable makeCurrentElsewhere(String envelopeId, Object active) {
    return null;
  }

  private static Attributes attributes(Map<String, Object> values) {
    AttributesBuilder builder = Attributes.builder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      SpanAttributes.put(builder, e.getKey(), e.getValue());
    }
    return builder.build();
  }
}
