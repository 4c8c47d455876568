package dev.envelope.sample.serving;

/** The request names something that does not exist; the HTTP layer answers {@code 404}. */
public final class NotFoundException extends RuntimeException {

  /** Creates the exception with a message that is safe to show the client. */
  public NotFoundException(String message) {
    super(message);
  }
}
