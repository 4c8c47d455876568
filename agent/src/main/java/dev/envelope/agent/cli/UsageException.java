package dev.envelope.agent.cli;

/** A command line that cannot be run as given; the message is one line for the user. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
