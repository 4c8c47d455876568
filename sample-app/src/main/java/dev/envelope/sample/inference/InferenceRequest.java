package dev.envelope.sample.inference;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the caller asked an inference deployment for, as sent, before any validation. The prompt
 * itself is never meant for an envelope: {@link InferenceApi#infer} selects {@code prompt_chars}
 * and the knobs, not the text.
 *
 * @param prompt the prompt text (required)
 * @param promptChars the prompt's length in code points, derived from {@code prompt} by {@link #of}
 * @param maxOutputLen the longest answer wanted, in characters; absent means {@link
 *     InferenceValidator#DEFAULT_MAX_OUTPUT_LEN}
 * @param temperature sampling temperature, from 0 to 2
 * @param stream whether the answer should be streamed
 * @param priority {@code low}, {@code normal} or {@code high}
 */
public record InferenceRequest(
    String prompt,
    Integer promptChars,
    Integer maxOutputLen,
    BigDecimal temperature,
    Boolean stream,
    String priority) {

  /** Keeps {@code promptChars} true to {@code prompt}, since an envelope records only the count. */
  public InferenceRequest {
    Integer actual = prompt == null ? null : prompt.codePointCount(0, prompt.length());
    if (!Objects.equals(actual, promptChars)) {
      throw new IllegalArgumentException("promptChars must be the prompt's length in code points");
    }
  }

  /** The request for {@code prompt}, with {@code promptChars} worked out. */
  public static InferenceRequest of(String prompt, Integer maxOutputLen, BigDecimal temperature,
      Boolean stream, String priority) {
    Integer chars = prompt == null ? null : prompt.codePointCount(0, prompt.length());
    return new InferenceRequest(prompt, chars, maxOutputLen, temperature, stream, priority);
  }

  /** Leaves the prompt text out, so logs and exception messages never copy it. */
  @Override
  public String toString() {
    return "InferenceRequest[promptChars=" + promptChars + ", maxOutputLen=" + maxOutputLen
        + ", temperature=" + temperature + ", stream=" + stream + ", priority=" + priority + "]";
  }
}
