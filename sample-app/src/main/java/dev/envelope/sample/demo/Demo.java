package dev.envelope.sample.demo;

import dev.envelope.sample.http.SampleServer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code --demo}: starts a server, sends it the {@link DemoScript}, prints a summary and stops.
 * Statuses other than the expected ones are reported in the summary but do not fail the run; only
 * a server that cannot start or a request that gets no answer does.
 */
public final class Demo {

  private Demo() {}

  /**
   * Runs the demo against a fresh server on {@code port} (0: a free one).
   *
   * @return the process exit code: 0, or 1 when the server could not start or a request failed
   */
  public static int run(int port, PrintStream out, PrintStream err) {
    SampleServer server = SampleServer.startOrSay(port, null, err);
    if (server == null) {
      return 1;
    }
    try (server) {
      return send(server, out, err);
    }
  }

  /**
   * Sends the script to a running server and prints the summary; the server stays up. For {@code
   * --demo --stay}, which keeps serving afterwards.
   *
   * @return 0, or 1 when a request got no answer
   */
  public static int send(SampleServer server, PrintStream out, PrintStream err) {
    try {
      List<DemoOutcome> outcomes = new DemoClient()
          .send(server.baseUri(), DemoScript.requests());
      outcomes.forEach(outcome -> out.println(DemoSummary.line(outcome)));
      out.println(DemoSummary.total(outcomes));
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("envelope-sample-app: demo request failed: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("envelope-sample-app: demo interrupted");
      return 1;
    }
  }
}
