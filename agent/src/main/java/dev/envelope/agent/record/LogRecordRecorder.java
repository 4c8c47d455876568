package dev.envelope.agent.record;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;

/**
 * Each phase transition as an OpenTelemetry log record, for backends that collect logs (OTLP):
 * event name {@code envelope.<phase>}, the full envelope as JSON in the body, the envelope id and
 * {@code seq} as attributes, and the span's context so the record joins its trace.
 */
public final class LogRecordRecorder implements Recorder {
  static final AttributeKey<String> ID = AttributeKey.stringKey("envelope.id");
  static final AttributeKey<Long> SEQ = AttributeKey.longKey("envelope.seq");
  static final AttributeKey<String> PHASE = AttributeKey.stringKey("envelope.phase");

  private final Logger logger;
  private final EventEncoder encoder;

  public LogRecordRecorder(Logger logger, EventEncoder encoder) {
    this.logger = logger;
    this.encoder = encoder;
  }

  @Override
  public void record(Transition t) {
    Context context = t.span() == null ? Context.root() : Context.root().with(t.span().otelSpan());
    boolean failed = t.envelope().phase() == dev.envelope.agent.model.Phase.FAILED;
    logger.logRecordBuilder()
        .setEventName(t.envelope().phase().eventName())
        .setTimestamp(t.at())
        .setContext(context)
        .setSeverity(failed ? Severity.WARN : Severity.INFO)
        .setSeverityText(failed ? "WARN" : "INFO")
        .setAllAttributes(Attributes.of(ID, t.envelope().id(), SEQ, (long) t.seq(),
            PHASE, t.envelope().phase().wireName()))
        .setBody(encoder.envelopeJson(t.envelope()))
        .emit();
  }
}
