package dev.envelope.agent.lifecycle;

/**
 * Strict audit mode's answer to an admission whose {@code admitted} line could not be written:
 * the annotations jar's {@code AdmissionNotRecordedException}, so the application can catch it
 * by type, or an {@link IllegalStateException} where the application has an older jar.
 */
final class StrictAudit {
  /** Long enough for a busy recorder, short enough that a stuck disk answers the caller. */
  static final long WAIT_NANOS = 10_000_000_000L;
  static final String MESSAGE = "the admission was not run: its admitted record could not be"
      + " written to the envelope events file (envelope.events.strict=true)";
  private static final String EXCEPTION = "dev.envelope.annotations.AdmissionNotRecordedException";

  private StrictAudit() {}

  static RuntimeException refusal(Class<?> admittedBy) {
    try {
      Class<?> type = Class.forName(EXCEPTION, true, admittedBy.getClassLoader());
      return (RuntimeException) type.getConstructor(String.class).newInstance(MESSAGE);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return new IllegalStateException(MESSAGE);
    }
  }
}
