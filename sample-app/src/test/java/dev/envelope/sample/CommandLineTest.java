package dev.envelope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

  @Test
  void defaultsTo8080WhenServingAndAFreePortForTheDemo() throws Exception {
    assertThat(CommandLine.parse().effectivePort()).isEqualTo(8080);
    assertThat(CommandLine.parse("--demo").effectivePort()).isZero();
    assertThat(CommandLine.parse("--demo").demo()).isTrue();
  }

  @Test
  void acceptsBothPortSpellings() throws Exception {
    assertThat(CommandLine.parse("--port", "0").effectivePort()).isZero();
    assertThat(CommandLine.parse("--port=9090").effectivePort()).isEqualTo(9090);
    assertThat(CommandLine.parse("--port", "65535", "--demo"))
        .isEqualTo(new CommandLine(65535, true, false));
  }

  @Test
  void takesTheRegistryUrlInBothSpellings() throws Exception {
    assertThat(CommandLine.parse().registry()).isNull();
    assertThat(CommandLine.parse("--registry", "http://127.0.0.1:8081").registry())
        .isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(CommandLine.parse("--port", "0", "--registry=http://registry.internal/"))
        .isEqualTo(new CommandLine(0, false, false, URI.create("http://registry.internal/")));
  }

  @Test
  void stayGoesWithTheDemoOnly() throws Exception {
    assertThat(CommandLine.parse("--demo").stay()).isFalse();
    assertThat(CommandLine.parse("--stay", "--demo"))
        .isEqualTo(new CommandLine(null, true, false, null, true));
    assertThat(CommandLine.parse("--demo", "--stay", "--port=0").effectivePort()).isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--bogus                 | unknown argument '--bogus'",
      "--port                  | --port needs a value",
      "--port x                | --port must be a number from 0 to 65535, got 'x'",
      "--port -1               | --port must be a number from 0 to 65535, got '-1'",
      "--port 65536            | --port must be a number from 0 to 65535, got '65536'",
      "--port=                 | --port must be a number from 0 to 65535, got ''",
      "--port 1 --port 2       | --port given more than once",
      "--registry              | --registry needs a value",
      "--registry localhost    | --registry must be a URL like http://127.0.0.1:8081, got 'localhost'",
      "--registry=ftp://h:21   | --registry must be a URL like http://127.0.0.1:8081, got 'ftp://h:21'",
      "--registry http://h/x   | --registry must be a URL like http://127.0.0.1:8081, got 'http://h/x'",
      "--registry http://h?q=1 | --registry must be a URL like http://127.0.0.1:8081, got 'http://h?q=1'",
      "--registry=http://h --registry=http://h | --registry given more than once",
      "--demo --registry http://h | --registry applies to serving, not to --demo",
      "--stay                  | --stay applies to --demo only",
      "--port 0 --stay         | --stay applies to --demo only"})
  void refusesBadArguments(String line, String message) {
    String[] args = line.split(" ");
    assertThatThrownBy(() -> CommandLine.parse(args))
        .isInstanceOf(CommandLineException.class)
        .hasMessage(message);
  }
}
