package dev.envelope.agent.record;

import io.opentelemetry.context.Context;
import java.time.Instant;

/** Starts envelope spans. */
public interface EnvelopeSpans {

  /**
   * @param parent the agent's own context at admission; an implementation backed by another
   *     agent's OpenTelemetry uses that one's current context instead
   */
  EnvelopeSpan start(String name, Context parent, Instant at);

  /** Whether another agent carries the context across threads and services. */
  default boolean propagatedElsewhere() {
    return false;
  }

  /** The envelope another agent's current context carries, or {@code null}. */
  default Object currentElsewhere() {
    return null;
  }
}
