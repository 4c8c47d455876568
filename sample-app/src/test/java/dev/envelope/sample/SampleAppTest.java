package dev.envelope.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
            + " (usage: java -jar envelope-sample-app.jar [--port N] [--registry URL] [--demo])");
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
}
