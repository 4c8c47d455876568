package dev.envelope.agent.model;

/** Where an envelope is in its lifecycle: {@code admission → resolved → finalized | failed}. */
public enum Phase {
  ADMISSION("admission", "envelope.admitted"),
  RESOLVED("resolved", "envelope.resolved"),
  FINALIZED("finalized", "envelope.finalized"),
  FAILED("failed", "envelope.failed");

  private final String wireName;
  private final String eventName;

  Phase(String wireName, String eventName) {
    this.wireName = wireName;
    this.eventName = eventName;
  }

  /** The name written in envelopes and span attributes. */
  public String wireName() {
    return wireName;
  }

  /** The name of the event and span event that enters this phase. */
  public String eventName() {
    return eventName;
  }

  public boolean isTerminal() {
    return this == FINALIZED || this == FAILED;
  }
}
