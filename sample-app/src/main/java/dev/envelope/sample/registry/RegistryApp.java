package dev.envelope.sample.registry;

import dev.envelope.sample.http.RegistryServer;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Entry point of the model registry service, a second plain-JDK process the serving backend calls
 * (see {@code --registry}): serves {@code POST /registry/deployments} on 127.0.0.1.
 *
 * <pre>java [-javaagent:…] -cp envelope-sample-app.jar dev.envelope.sample.registry.RegistryApp --port 0</pre>
 *
 * <p>Standard output carries only the {@code listening on} line, because an attached agent may
 * write its events and spans there too and tools read both.
 */
public final class RegistryApp {

  /** What {@code --help} prints and what argument errors point to. */
  public static final String USAGE =
      "usage: java -cp envelope-sample-app.jar " + RegistryApp.class.getName() + " [--port N]";

  /** Port when none is given. */
  public static final int DEFAULT_PORT = 8081;

  /** Returned by {@link #run} when the server keeps running after {@code main} returns. */
  static final int SERVING = -1;

  private RegistryApp() {}

  /** Runs the registry; see {@link #USAGE}. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != SERVING) {
      System.exit(code);
    }
  }

  /** Runs the command line and returns the exit code, or {@link #SERVING} while serving. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    int port = DEFAULT_PORT;
    boolean portGiven = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
      String value;
      if (arg.equals("--port")) {
        if (i + 1 >= args.length) {
          return usageError(err, "--port needs a value");
        }
        value = args[++i];
      } else if (arg.startsWith("--port=")) {
        value = arg.substring("--port=".length());
      } else {
        return usageError(err, "unknown argument '" + arg + "'");
      }
      if (portGiven) {
        return usageError(err, "--port given more than once");
      }
      portGiven = true;
      port = parsePort(value);
      if (port < 0) {
        return usageError(err, "--port must be a number from 0 to 65535, got '" + value + "'");
      }
    }
    RegistryServer server;
    try {
      server = RegistryServer.start(port);
    } catch (IOException e) {
      err.println("envelope-registry: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-shutdown"));
    out.println("listening on " + server.baseUri());
    out.flush();
    return SERVING;
  }

  private static int usageError(PrintStream err, String message) {
    err.println("envelope-registry: " + message + " (" + USAGE + ")");
    return 2;
  }

  /** The port, or -1 when {@code value} is not a number from 0 to 65535. */
  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      return port >= 0 && port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
