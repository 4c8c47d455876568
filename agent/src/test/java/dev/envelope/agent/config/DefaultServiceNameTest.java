package dev.envelope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultServiceNameTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "sample-app/target/envelope-sample-app.jar --port 0 | envelope-sample-app",
    "/opt/app/envelope-sample-app.jar | envelope-sample-app",
    "C:\\apps\\billing.jar --demo | billing",
    "app.jar | app",
    "com.acme.serving.Main --port 8080 | Main",
    "Main | Main",
    "'  com.acme.Main  ' | Main",
  })
  void nameFromTheJavaCommand(String command, String expected) {
    assertThat(DefaultServiceName.fromCommand(command)).isEqualTo(expected);
  }

  @Test
  void noCommandFallsBackToTheOpenTelemetryDefault() {
    assertThat(DefaultServiceName.fromCommand(null)).isEqualTo("unknown_service:java");
    assertThat(DefaultServiceName.fromCommand("   ")).isEqualTo("unknown_service:java");
  }

  @Test
  void aJarPathWithSpaces() {
    assertThat(DefaultServiceName.fromCommand("C:\\Program Files\\Acme\\billing.jar --demo"))
        .isEqualTo("billing");
    assertThat(DefaultServiceName.fromCommand("/home/me/my apps/billing.jar"))
        .isEqualTo("billing");
  }
}
