package dev.envelope.sample.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryAppTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return RegistryApp.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--demo            | unknown argument '--demo'",
      "--port            | --port needs a value",
      "--port x          | --port must be a number from 0 to 65535, got 'x'",
      "--port=70000      | --port must be a number from 0 to 65535, got '70000'",
      "--port 1 --port 2 | --port given more than once"})
  void badArgumentsExitWith2AndOneLineOnStderr(String line, String message) {
    assertThat(run(line.split(" "))).isEqualTo(2);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "envelope-registry: " + message + " (usage: java -cp envelope-sample-app.jar"
            + " dev.envelope.sample.registry.RegistryApp [--port N])");
  }

  @Test
  void helpPrintsUsageAndExits0() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(RegistryApp.USAGE + System.lineSeparator());
  }

  @Test
  void aPortInUseExitsWith1AndSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(run("--port", String.valueOf(taken.getLocalPort()))).isEqualTo(1);
    }

    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("envelope-registry: cannot listen on 127.0.0.1:");
  }
}
