package dev.envelope.sample.inference;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.InvalidRequestException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InferenceValidatorTest {

  private final InferenceValidator validator = new InferenceValidator();

  private static InferenceRequest ask(String prompt, Integer maxOutputLen, String temperature,
      String priority) {
    return InferenceRequest.of(prompt, maxOutputLen,
        temperature == null ? null : new BigDecimal(temperature), null, priority);
  }

  @Test
  void acceptsAMinimalAndAFullRequest() {
    assertThatCode(() -> validator.validate(ask("hi", null, null, null))).doesNotThrowAnyException();
    assertThatCode(() -> validator.validate(ask("hi", 131_072, "2", "high")))
        .doesNotThrowAnyException();
    assertThatCode(() -> validator.validate(ask("hi", 1, "0", "low"))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null  | null   | null | null   | prompt is required",
      "'  '  | null   | null | null   | prompt is required",
      "hi    | 0      | null | null   | max_output_len must be from 1 to 131072",
      "hi    | 131073 | null | null   | max_output_len must be from 1 to 131072",
      "hi    | 10     | -0.1 | null   | temperature must be from 0 to 2",
      "hi    | 10     | 2.01 | null   | temperature must be from 0 to 2",
      "hi    | 10     | 1    | urgent | priority must be one of low, normal, high"})
  void refusesTheFirstProblem(String prompt, Integer maxOutputLen, String temperature,
      String priority, String message) {
    assertThatThrownBy(() -> validator.validate(ask(prompt, maxOutputLen, temperature, priority)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void refusesAMissingBodyAndAnOverlongPrompt() {
    assertThatThrownBy(() -> validator.validate(null)).hasMessage("request body is required");
    assertThatThrownBy(() -> validator.validate(ask("x".repeat(32_769), null, null, null)))
        .hasMessage("prompt must be at most 32768 characters");
  }
}
