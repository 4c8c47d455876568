package dev.envelope.sample.registry;

/**
 * The registry did not list a deployment: it could not be reached, timed out or did not answer
 * {@code 201}. The serving backend's HTTP layer answers {@code 502}.
 */
public final class RegistryUnavailableException extends RuntimeException {

  /** Creates the exception; the message reads {@code registry unavailable: <detail>}. */
  public RegistryUnavailableException(String detail) {
    super("registry unavailable: " + detail);
  }

  /** Creates the exception with the failure that caused it. */
  public RegistryUnavailableException(String detail, Throwable cause) {
    super("registry unavailable: " + detail, cause);
  }
}
