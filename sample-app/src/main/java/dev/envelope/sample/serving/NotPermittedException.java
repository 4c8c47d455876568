package dev.envelope.sample.serving;

/** The caller is authenticated but may not do this; the HTTP layer answers {@code 403}. */
public final class NotPermittedException extends RuntimeException {

  /** Creates the exception with a message that is safe to show the client. */
  public NotPermittedException(String message) {
    super(message);
  }
}
