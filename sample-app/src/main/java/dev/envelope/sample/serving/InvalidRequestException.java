package dev.envelope.sample.serving;

/** The request is not acceptable as sent; the HTTP layer answers {@code 400}. */
public final class InvalidRequestException extends RuntimeException {

  /** Creates the exception with a message that is safe to show the client. */
  public InvalidRequestException(String message) {
    super(message);
  }
}
