package dev.envelope.agent.record;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Failure;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Fields;
import dev.envelope.agent.model.Phase;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts the envelope on its span: {@code envelope.*} attributes that always show the latest state,
 * and one span event per transition carrying what that transition added. A terminal transition
 * ends the span; a failure sets status ERROR and records the exception (type and scrubbed reason).
 */
public final class SpanRecorder implements Recorder {
  /** {@code envelope.<family>.} by family ordinal. */
  private static final String[] PREFIXES = new String[Family.values().length];

  static {
    for (Family f : Family.values()) {
      PREFIXES[f.ordinal()] = "envelope." + f.wireName() + ".";
    }
  }

  @Override
  public void extensionAdded(Envelope envelope, String namespace, Fields added,
      EnvelopeSpan span) {
    if (span != null && span.isRecording()) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      put(attributes, "envelope.ext." + namespace + ".", added);
      span.setAttributes(attributes);
    }
  }

  @Override
  public void record(Transition t) {
    EnvelopeSpan span = t.span();
    if (span == null || !span.isRecording()) {
      return;
    }
    Envelope e = t.envelope();
    Map<String, Object> added = new LinkedHashMap<>();
    switch (e.phase()) {
      case ADMISSION:
        for (Family f : Family.values()) {
          if (f.isAdmission()) {
            put(added, PREFIXES[f.ordinal()], e.family(f));
          }
        }
        for (Map.Entry<String, Fields> ext : e.extensions().entrySet()) {
          put(added, "envelope.ext." + ext.getKey() + ".", ext.getValue());
        }
        break;
      case RESOLVED:
      case FINALIZED:
        put(added, PREFIXES[Family.GRANTED.ordinal()], t.addedGranted());
        put(added, PREFIXES[Family.RESOLUTION.ordinal()], t.addedResolution());
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
    Map<String, Object> current = new LinkedHashMap<>(added);
    current.put("envelope.id", e.id());
    current.put("envelope.phase", e.phase().wireName());
    if (e.admission().parentEnvelopeId() != null) {
      current.put("envelope.parent_id", e.admission().parentEnvelopeId());
    }
    span.setAttributes(current);
    added.put("envelope.seq", (long) t.seq());
    span.addEvent(e.phase().eventName(), added, t.at());
    if (e.phase() == Phase.FAILED) {
      span.setError(e.failure().errorType(), e.failure().reason());
    }
    if (e.phase().isTerminal()) {
      span.end(t.at());
    }
  }

  private static void put(Map<String, Object> into, String prefix, Fields fields) {
    for (int i = 0; i < fields.size(); i++) {
      into.put(SpanAttributes.KEYS.name(prefix, fields.key(i)), fields.value(i));
    }
  }
}
