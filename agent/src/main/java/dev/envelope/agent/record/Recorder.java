package dev.envelope.agent.record;

/** Receives every phase transition, in {@code seq} order per envelope. Must not throw. */
public interface Recorder {
  void record(Transition transition);

  /** Writes out what is pending; called once at shutdown. */
  default void close() {}
}
