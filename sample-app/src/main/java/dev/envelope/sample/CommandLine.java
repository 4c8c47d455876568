package dev.envelope.sample;

/**
 * The parsed command line: {@code [--port N] [--demo] [--help]}.
 *
 * @param port the port to listen on, or {@code null} for the mode's default
 * @param demo whether to run the scripted demo instead of serving
 * @param help whether to print usage and exit
 */
public record CommandLine(Integer port, boolean demo, boolean help) {

  /** What {@code --help} prints and what argument errors point to. */
  public static final String USAGE = "usage: java -jar envelope-sample-app.jar [--port N] [--demo]";

  /** Port when serving and none is given. */
  public static final int DEFAULT_PORT = 8080;

  /**
   * Parses {@code args}; {@code --port N} and {@code --port=N} are both accepted.
   *
   * @throws CommandLineException for an unknown, repeated or incomplete argument
   */
  public static CommandLine parse(String... args) throws CommandLineException {
    Integer port = null;
    boolean demo = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--demo")) {
        demo = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
      } else if (arg.equals("--port") || arg.startsWith("--port=")) {
        if (port != null) {
          throw new CommandLineException("--port given more than once");
        }
        String value;
        if (arg.equals("--port")) {
          if (i + 1 >= args.length) {
            throw new CommandLineException("--port needs a value");
          }
          value = args[++i];
        } else {
          value = arg.substring("--port=".length());
        }
        port = parsePort(value);
      } else {
        throw new CommandLineException("unknown argument '" + arg + "'");
      }
    }
    return new CommandLine(port, demo, help);
  }

  /** The port to use: the one given, else 0 for the demo (any free port) or 8080 for serving. */
  public int effectivePort() {
    if (port != null) {
      return port;
    }
    return demo ? 0 : DEFAULT_PORT;
  }

  private static int parsePort(String value) throws CommandLineException {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below together with the out-of-range case.
    }
    throw new CommandLineException("--port must be a number from 0 to 65535, got '" + value + "'");
  }
}
