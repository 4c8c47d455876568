package dev.envelope.agent.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostsTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:8099", "127.0.0.1", "localhost:8099", "LOCALHOST",
      "[::1]:8099", "[::1]", "[0:0:0:0:0:0:0:1]:80", "127.1.2.3:1"})
  void loopbackNamesAreAnswered(String host) {
    assertThat(LoopbackHosts.allowed(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example:8099", "evil.example", "127.0.0.1.evil.example",
      "localhost.evil.example:80", "10.0.0.1:8099", "128.0.0.1", "127.0.0.256", "[::2]:80",
      "[::1]x", "127.0.0.1:80:80", "localhost:", "", "[::1"})
  void otherNamesAreNot(String host) {
    assertThat(LoopbackHosts.allowed(host)).isFalse();
  }
}
