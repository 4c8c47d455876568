package dev.envelope.agent.report;

/** One breach of the envelope's invariants (SPEC section 4) found in the record. */
public final class Violation {
  /** The kinds, by the names the report prints. */
  public enum Kind {
    /** Invariant 1: an admission family differs between two events of one envelope. */
    CHANGED_ASK("changed_ask"),
    /** Invariant 2: a granted or resolution key present at one event is gone at the next. */
    GRANT_REMOVED("grant_removed"),
    /** A failed envelope with grants it did not have before failing, or a grant after it failed. */
    GRANT_ON_FAILED("grant_on_failed"),
    /** Invariant 5: a second terminal event. */
    DUPLICATE_TERMINAL("duplicate_terminal"),
    /** An event after the terminal one that is neither a grant nor a terminal. */
    EVENT_AFTER_TERMINAL("event_after_terminal"),
    /** Invariant 3: the trace id changes between events, or the snapshot names another envelope. */
    CORRELATION("correlation"),
    /** The admitted event is not the one with seq 1. */
    ADMISSION_OUT_OF_PLACE("admission_out_of_place"),
    /** Two different lines with the same envelope id and seq. */
    CONFLICTING_SEQ("conflicting_seq"),
    /** A seq below the last one has no line in the input: lost, or in a file not read. */
    MISSING_EVENTS("missing_events");

    final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  private final Kind kind;
  private final String envelopeId;
  private final String detail;

  Violation(Kind kind, String envelopeId, String detail) {
    this.kind = kind;
    this.envelopeId = envelopeId;
    this.detail = detail;
  }

  public Kind kind() {
    return kind;
  }

  public String envelopeId() {
    return envelopeId;
  }

  /** What was found and where (file:line), one line. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return kind.wireName + " " + envelopeId + ": " + detail;
  }
}
