package dev.envelope.sample.serving;

/** The request clashes with the current state; the HTTP layer answers {@code 409}. */
public final class ConflictException extends RuntimeException {

  /** Creates the exception with a message that is safe to show the client. */
  public ConflictException(String message) {
    super(message);
  }
}
