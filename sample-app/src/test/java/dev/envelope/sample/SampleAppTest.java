package dev.envelope.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.sample.demo.DemoScript;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SampleAppTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SampleApp.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void badArgumentsExitWith2AndOneLineOnStderr() {
    assertThat(run("--port", "eighty")).isEqualTo(2);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "envelope-sample-app: --port must be a number from 0 to 65535, got 'eighty'"
            + " (usage: java -jar envelope-sample-app.jar [--port N] [--registry URL] [--demo [--stay]])");
  }

  @Test
  void helpPrintsUsageAndExits0() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(CommandLine.USAGE + System.lineSeparator());
  }

  @Test
  void aPortInUseExitsWith1AndSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(run("--port", String.valueOf(taken.getLocalPort()))).isEqualTo(1);
    }

    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("envelope-sample-app: cannot listen on 127.0.0.1:");
  }

  @Test
  void demoWithStayPrintsTheSummaryThenKeepsServing() throws Exception {
    assertThat(run("--demo", "--stay")).isEqualTo(SampleApp.SERVING);

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(lines).hasSize(DemoScript.requests().size() + 2);
    assertThat(lines.get(lines.size() - 2)).startsWith("total ").endsWith("all as expected");
    Matcher serving = Pattern.compile("demo done; still serving on (http://127\\.0\\.0\\.1:\\d+)"
        + " until stopped").matcher(lines.get(lines.size() - 1));
    assertThat(serving.matches()).as(lines.get(lines.size() - 1)).isTrue();
    // The demo's server answers after run() returned; the test JVM's exit stops it.
    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(serving.group(1) + "/serving/deploy_model"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
  }
}
