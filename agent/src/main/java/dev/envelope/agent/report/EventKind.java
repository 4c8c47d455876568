package dev.envelope.agent.report;

/** The four events of an envelope's life, by their {@code event} names. */
enum EventKind {
  ADMITTED("envelope.admitted"),
  RESOLVED("envelope.resolved"),
  FINALIZED("envelope.finalized"),
  FAILED("envelope.failed");

  final String wireName;

  EventKind(String wireName) {
    this.wireName = wireName;
  }

  boolean terminal() {
    return this == FINALIZED || this == FAILED;
  }

  static EventKind of(Object name) {
    for (EventKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
