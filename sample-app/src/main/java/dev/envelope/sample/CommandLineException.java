package dev.envelope.sample;

/** The command line cannot be understood; the process exits with status 2. */
public final class CommandLineException extends Exception {

  /** Creates the exception with a one-line message for stderr. */
  public CommandLineException(String message) {
    super(message);
  }
}
