package dev.envelope.agent.record;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Failure;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Fields;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts the envelope on its span: {@code envelope.*} attributes that always show the latest state,
 * and one span event per transition carrying what that transition added. A terminal transition
 * ends the span; a failure sets status ERROR and records the exception (type and scrubbed reason).
 */
public final class SpanRecorder implements Recorder {
  static final AttributeKey<String> ID = AttributeKey.stringKey("envelope.id");
  static final AttributeKey<String> PHASE = AttributeKey.stringKey("envelope.phase");
  static final AttributeKey<String> PARENT_ID = AttributeKey.stringKey("envelope.parent_id");
  static final AttributeKey<Long> SEQ = AttributeKey.longKey("envelope.seq");

  @Override
  public void extensionAdded(Envelope envelope, String namespace, Fields added, Span span) {
    if (span != null && span.isRecording()) {
      AttributesBuilder attributes = Attributes.builder();
      SpanAttributes.put(attributes, "envelope.ext." + namespace + ".", added);
      span.setAllAttributes(attributes.build());
    }
  }

  @Override
  public void record(Transition t) {
    Span span = t.span();
    if (span == null || !span.isRecording()) {
      return;
    }
    Envelope e = t.envelope();
    AttributesBuilder added = Attributes.builder();
    switch (e.phase()) {
      case ADMISSION:
        for (Family f : Family.values()) {
          if (f.isAdmission()) {
            SpanAttributes.put(added, "envelope." + f.wireName() + ".", e.family(f));
          }
        }
        for (Map.Entry<String, Fields> ext : e.extensions().entrySet()) {
          SpanAttributes.put(added, "envelope.ext." + ext.getKey() + ".", ext.getValue());
        }
        break;
      case RESOLVED:
      case FINALIZED:
        SpanAttributes.put(added, "envelope.granted.", t.addedGranted());
        SpanAttributes.put(added, "envelope.resolution.", t.addedResolution());
        break;
      case FAILED:
        Failure failure = e.failure();
        added.put("envelope.failure.stage", failure.stage().wireName());
        added.put("envelope.failure.error_type", failure.errorType());
        added.put("envelope.failure.reason", failure.reason());
        break;
      default:
        break;
    }
    Attributes phaseAttributes = added.build();
    AttributesBuilder current = phaseAttributes.toBuilder()
        .put(ID, e.id())
        .put(PHASE, e.phase().wireName());
    if (e.admission().parentEnvelopeId() != null) {
      current.put(PARENT_ID, e.admission().parentEnvelopeId());
    }
    span.setAllAttributes(current.build());
    span.addEvent(e.phase().eventName(),
        phaseAttributes.toBuilder().put(SEQ, (long) t.seq()).build(),
        t.at().getEpochSecond() * 1_000_000_000L + t.at().getNano(), TimeUnit.NANOSECONDS);
    if (e.phase() == dev.envelope.agent.model.Phase.FAILED) {
      Failure failure = e.failure();
      span.addEvent("exception", Attributes.builder()
          .put("exception.type", failure.errorType())
          .put("exception.message", failure.reason())
          .build());
      span.setStatus(StatusCode.ERROR, failure.reason());
    }
    if (e.phase().isTerminal()) {
      span.end(t.at());
    }
  }
}
