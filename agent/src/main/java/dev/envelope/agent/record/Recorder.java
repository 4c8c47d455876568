package dev.envelope.agent.record;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Fields;

/** Receives every phase transition, in {@code seq} order per envelope. Must not throw. */
public interface Recorder {
  void record(Transition transition);

  /**
   * Extension data was added to an envelope between transitions; the next transition's snapshot
   * carries it too.
   */
  default void extensionAdded(Envelope envelope, String namespace, Fields added, EnvelopeSpan span) {}

  /** Pushes buffered output out (to the file, the console); called when recording goes idle. */
  default void flush() {}

  /** Writes out what is pending; called once at shutdown. */
  default void close() {}
}
