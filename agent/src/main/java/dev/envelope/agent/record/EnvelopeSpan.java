package dev.envelope.agent.record;

import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.Map;

/**
 * The span of one envelope, whichever OpenTelemetry made it: the agent's own SDK, or the
 * OpenTelemetry Java agent's when that one is attached too. Attribute values are the envelope's
 * types: string, long, double, boolean, or a list of one of those.
 */
public interface EnvelopeSpan {

  /**
   * An API span for the agent's own context and log records: the span itself, or a
   * non-recording one with the same ids.
   */
  Span otelSpan();

  boolean isRecording();

  void setAttributes(Map<String, Object> attributes);

  void addEvent(String name, Map<String, Object> attributes, Instant at);

  /** Status ERROR, and the exception recorded by type and (already scrubbed) message. */
  void setError(String errorType, String reason);

  void end(Instant at);

  /**
   * Makes the span, baggage {@code envelope.id} and {@code active} (the envelope itself) current
   * where other instrumentation looks for them, so that agent's context propagation carries them
   * too; {@code null} when the agent's own context is all there is.
   */
  AutoCloseable makeCurrentElsewhere(String envelopeId, Object active);
}
