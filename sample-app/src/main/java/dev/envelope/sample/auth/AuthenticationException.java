package dev.envelope.sample.auth;

/** The request carries no usable bearer token; the HTTP layer answers {@code 401}. */
public final class AuthenticationException extends RuntimeException {

  /** Creates the exception with a message that is safe to show the client. */
  public AuthenticationException(String message) {
    super(message);
  }
}
