package dev.envelope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--bogus                 | unknown argument '--bogus'",
      "--port                  | --port needs a value",
      "--port x                | --port must be a number from 0 to 65535, got 'x'",
      "--port -1               | --port must be a number from 0 to 65535, got '-1'",
      "--port 65536            | --port must be a number from 0 to 65535, got '65536'",
      "--port=                 | --port must be a number from 0 to 65535, got ''",
      "--port 1 --port 2       | --port given more than once"})
  void refusesBadArguments(String line, String message) {
    String[] args = line.split(" ");
    assertThatThrownBy(() -> CommandLine.parse(args))
        .isInstanceOf(CommandLineException.class)
        .hasMessage(message);
  }
}
