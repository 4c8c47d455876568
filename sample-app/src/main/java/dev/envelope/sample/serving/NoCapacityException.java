package dev.envelope.sample.serving;

/** No matching node has even the smallest grant free; the HTTP layer answers {@code 409}. */
public final class NoCapacityException extends RuntimeException {

  /** Creates the exception with a message that is safe to show the client. */
  public NoCapacityException(String message) {
    super(message);
  }
}
