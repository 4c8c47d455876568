package dev.envelope.agent.record;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;

/** Envelope spans from the agent's own OpenTelemetry SDK. */
public final class SdkEnvelopeSpans implements EnvelopeSpans {
  private final Tracer tracer;

  public SdkEnvelopeSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public EnvelopeSpan start(String name, Context parent, Instant at) {
    return new SdkEnvelopeSpan(tracer.spanBuilder(name)
        .setParent(parent)
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(at)
        .startSpan());
  }
}
