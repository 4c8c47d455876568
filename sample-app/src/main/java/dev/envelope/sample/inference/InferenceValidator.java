package dev.envelope.sample.inference;

import dev.envelope.sample.serving.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Checks the meaning of an {@link InferenceRequest} whose fields already have the right types.
 * Fields are checked in declaration order and the first problem is reported.
 */
public final class InferenceValidator {

  /** Longest prompt accepted, in code points. */
  public static final int MAX_PROMPT_CHARS = 32_768;

  /** Largest {@code max_output_len} accepted at all; larger asks are typos, not something to clamp. */
  public static final int MAX_OUTPUT_LEN = 131_072;

  /** The output budget when the caller names none. */
  public static final int DEFAULT_MAX_OUTPUT_LEN = 256;

  private static final BigDecimal MAX_TEMPERATURE = new BigDecimal("2");
  private static final Set<String> PRIORITIES = Set.of("low", "normal", "high");

  /**
   * Checks {@code body}.
   *
   * @throws InvalidRequestException describing the first problem found
   */
  public void validate(InferenceRequest body) {
    if (body == null) {
      throw invalid("request body is required");
    }
    if (body.prompt() == null || body.prompt().isBlank()) {
      throw invalid("prompt is required");
    }
    if (body.promptChars() > MAX_PROMPT_CHARS) {
      throw invalid("prompt must be at most " + MAX_PROMPT_CHARS + " characters");
    }
    Integer maxOutputLen = body.maxOutputLen();
    if (maxOutputLen != null && (maxOutputLen < 1 || maxOutputLen > MAX_OUTPUT_LEN)) {
      throw invalid("max_output_len must be from 1 to " + MAX_OUTPUT_LEN);
    }
    BigDecimal temperature = body.temperature();
    if (temperature != null
        && (temperature.signum() < 0 || temperature.compareTo(MAX_TEMPERATURE) > 0)) {
      throw invalid("temperature must be from 0 to " + MAX_TEMPERATURE);
    }
    if (body.priority() != null && !PRIORITIES.contains(body.priority())) {
      throw invalid("priority must be one of low, normal, high");
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(message);
  }
}
