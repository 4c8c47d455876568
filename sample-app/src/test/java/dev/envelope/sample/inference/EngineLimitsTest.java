package dev.envelope.sample.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineLimitsTest {

  private final EngineLimits limits = EngineLimits.standard();

  @Test
  void clampsTheOutputToTheEnginesLimit() {
    assertThat(limits.clampOutputLen("vllm", 4096)).isEqualTo(2048);
    assertThat(limits.clampOutputLen("vllm", 100)).isEqualTo(100);
    assertThat(limits.clampOutputLen("tgi", 2048)).isEqualTo(1024);
    assertThat(limits.clampOutputLen("triton", 513)).isEqualTo(512);
  }

  @Test
  void grantsStreamingOnlyWhereTheEngineStreams() {
    assertThat(limits.grantStreaming("vllm", true)).isTrue();
    assertThat(limits.grantStreaming("vllm", false)).isFalse();
    assertThat(limits.grantStreaming("triton", true)).isFalse();
  }

  @Test
  void anEngineWithoutLimitsIsASetupError() {
    assertThatThrownBy(() -> limits.clampOutputLen("sglang", 1))
        .isInstanceOf(IllegalStateException.class);
  }
}
