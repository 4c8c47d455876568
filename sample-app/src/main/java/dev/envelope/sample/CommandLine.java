package dev.envelope.sample;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The parsed command line: {@code [--port N] [--registry URL] [--demo [--stay]] [--help]}.
 *
 * @param port the port to listen on, or {@code null} for the mode's default
 * @param demo whether to run the scripted demo instead of serving
 * @param help whether to print usage and exit
 * @param registry the model registry service deploys are listed with, e.g. {@code
 *     http://127.0.0.1:8081}, or {@code null} for none
 * @param stay whether the demo's server keeps serving after the script, until the process is
 *     stopped (only with {@code demo}), e.g. to look at its envelopes in the agent's viewer
 */
public record CommandLine(Integer port, boolean demo, boolean help, URI registry, boolean stay) {

  /** What {@code --help} prints and what argument errors point to. */
  public static final String USAGE =
      "usage: java -jar envelope-sample-app.jar [--port N] [--registry URL] [--demo [--stay]]";

  /** Port when serving and none is given. */
  public static final int DEFAULT_PORT = 8080;

  /** A command line without a registry. */
  public CommandLine(Integer port, boolean demo, boolean help) {
    this(port, demo, help, null, false);
  }

  /** A command line that does not stay after a demo. */
  public CommandLine(Integer port, boolean demo, boolean help, URI registry) {
    this(port, demo, help, registry, false);
  }

  /**
   * Parses {@code args}; {@code --port N} and {@code --port=N} are both accepted, and so are
   * {@code --registry URL} and {@code --registry=URL}.
   *
   * @throws CommandLineException for an unknown, repeated or incomplete argument, {@code
   *     --registry} together with {@code --demo}, or {@code --stay} without it
   */
  public static CommandLine parse(String... args) throws CommandLineException {
    Integer port = null;
    URI registry = null;
    boolean demo = false;
    boolean stay = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--demo")) {
        demo = true;
      } else if (arg.equals("--stay")) {
        stay = true;
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
      } else if (arg.equals("--registry") || arg.startsWith("--registry=")) {
        if (registry != null) {
          throw new CommandLineException("--registry given more than once");
        }
        String value;
        if (arg.equals("--registry")) {
          if (i + 1 >= args.length) {
            throw new CommandLineException("--registry needs a value");
          }
          value = args[++i];
        } else {
          value = arg.substring("--registry=".length());
        }
        registry = parseRegistry(value);
      } else {
        throw new CommandLineException("unknown argument '" + arg + "'");
      }
    }
    if (demo && registry != null) {
      throw new CommandLineException("--registry applies to serving, not to --demo");
    }
    if (stay && !demo) {
      throw new CommandLineException("--stay applies to --demo only");
    }
    return new CommandLine(port, demo, help, registry, stay);
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

  /** An absolute {@code http} URL with a host and at most a path of {@code /}. */
  private static URI parseRegistry(String value) throws CommandLineException {
    try {
      URI uri = new URI(value);
      String path = uri.getRawPath();
      if ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
          && (path == null || path.isEmpty() || path.equals("/"))
          && uri.getRawQuery() == null && uri.getRawFragment() == null
          && uri.getRawUserInfo() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below together with the other unusable values.
    }
    throw new CommandLineException(
        "--registry must be a URL like http://127.0.0.1:8081, got '" + value + "'");
  }
}
