package dev.envelope.sample;

import dev.envelope.sample.demo.Demo;
import dev.envelope.sample.http.SampleServer;
import dev.envelope.sample.registry.RegistryClient;
import java.io.PrintStream;

/**
 * Entry point of {@code envelope-sample-app.jar}: serves on 127.0.0.1 {@code POST
 * /serving/deploy_model}, {@code DELETE /serving/deployments/{id}}, {@code POST
 * /inference/{deployment_id}}, {@code POST /evaluation/jobs} and {@code POST /data/transfers}, or
 * with {@code --demo} runs a scripted request mix against itself and exits ({@code --demo --stay}:
 * and then keeps serving until stopped). With {@code --registry
 * URL}, every placed deployment is also listed with the model registry service at {@code URL}
 * ({@link dev.envelope.sample.registry.RegistryApp}) before it is answered.
 *
 * <p>Standard output carries only the {@code listening on} line or the demo summary (with {@code
 * --stay}, then the line saying where it still serves), because an attached agent may write its
 * events there too and tools read both.
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
    if (commandLine.demo() && commandLine.stay()) {
      return demoThenServe(commandLine.effectivePort(), out, err);
    }
    if (commandLine.demo()) {
      return Demo.run(commandLine.effectivePort(), out, err);
    }
    RegistryClient registry =
        commandLine.registry() == null ? null : new RegistryClient(commandLine.registry());
    return serve(commandLine.effectivePort(), registry, out, err);
  }

  /** {@code --demo --stay}: the demo as usual, then the same server goes on serving. */
  private static int demoThenServe(int port, PrintStream out, PrintStream err) {
    SampleServer server = SampleServer.startOrSay(port, null, err);
    if (server == null) {
      return 1;
    }
    int code = Demo.send(server, out, err);
    if (code != 0) {
      server.close();
      return code;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sample-shutdown"));
    out.println("demo done; still serving on " + server.baseUri() + " until stopped");
    out.flush();
    return SERVING;
  }

  private static int serve(int port, RegistryClient registry, PrintStream out, PrintStream err) {
    SampleServer server = SampleServer.startOrSay(port, registry, err);
    if (server == null) {
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sample-shutdown"));
    out.println("listening on " + server.baseUri());
    out.flush();
    return SERVING;
  }
}
