package dev.envelope.sample;

import dev.envelope.sample.demo.Demo;
import dev.envelope.sample.http.SampleServer;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Entry point of {@code envelope-sample-app.jar}: serves on 127.0.0.1 {@code POST
 * /serving/deploy_model}, {@code DELETE /serving/deployments/{id}}, {@code POST
 * /inference/{deployment_id}}, {@code POST /evaluation/jobs} and {@code POST /data/transfers}, or
 * with {@code --demo} runs a scripted request mix against itself and exits.
 *
 * <p>Standard output carries only the {@code listening on} line or the demo summary, because an
 * attached agent may write its events there too and tools read both.
 */
public final class SampleApp {

  /** Returned by {@link #run} when the server keeps running after {@code main} returns. */
  static final int SERVING = -1;

  private SampleApp() {}

  /** Runs the application; see {@link CommandLine#USAGE}. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != SERVING) {
      System.exit(code);
    }
  }

  /** Runs the command line and returns the exit code, or {@link #SERVING} while serving. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (CommandLineException e) {
      err.println("envelope-sample-app: " + e.getMessage() + " (" + CommandLine.USAGE + ")");
      return 2;
    }
    if (commandLine.help()) {
      out.println(CommandLine.USAGE);
      return 0;
    }
    if (commandLine.demo()) {
      return Demo.run(commandLine.effectivePort(), out, err);
    }
    return serve(commandLine.effectivePort(), out, err);
  }

  private static int serve(int port, PrintStream out, PrintStream err) {
    SampleServer server;
    try {
      server = SampleServer.start(port);
    } catch (IOException e) {
      err.println("envelope-sample-app: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sample-shutdown"));
    out.println("listening on " + server.baseUri());
    out.flush();
    return SERVING;
  }
}
