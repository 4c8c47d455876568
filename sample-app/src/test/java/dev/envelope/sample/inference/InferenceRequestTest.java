package dev.envelope.sample.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InferenceRequestTest {

  @Test
  void countsThePromptInCodePoints() {
    assertThat(InferenceRequest.of("héllo \uD83D\uDE00", null, null, null, null).promptChars())
        .isEqualTo(7);
    assertThat(InferenceRequest.of(null, null, null, null, null).promptChars()).isNull();
  }

  @Test
  void refusesACountThatDoesNotMatchThePrompt() {
    assertThatThrownBy(() -> new InferenceRequest("abc", 2, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InferenceRequest(null, 0, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverPrintsThePrompt() {
    assertThat(InferenceRequest.of("my confidential prompt", 10, null, true, "low").toString())
        .doesNotContain("confidential")
        .contains("promptChars=22");
  }
}
