package dev.envelope.sample.http;

import static dev.envelope.sample.http.JsonFields.bool;
import static dev.envelope.sample.http.JsonFields.integer;
import static dev.envelope.sample.http.JsonFields.number;
import static dev.envelope.sample.http.JsonFields.string;

import dev.envelope.sample.inference.InferenceRequest;
import dev.envelope.sample.serving.InvalidRequestException;
import java.util.Map;

/**
 * Turns a parsed JSON object into an {@link InferenceRequest}, checking types only: {@code prompt}
 * (string), {@code max_output_len} (integer), {@code temperature} (number), {@code stream}
 * (boolean), {@code priority} (string). Unknown fields are ignored.
 */
public final class InferenceRequestBinder {

  private InferenceRequestBinder() {}

  /**
   * Binds {@code json}.
   *
   * @throws InvalidRequestException when a field has the wrong JSON type
   */
  public static InferenceRequest bind(Map<String, Object> json) {
    return InferenceRequest.of(
        string(json, "prompt"),
        integer(json, "max_output_len"),
        number(json, "temperature"),
        bool(json, "stream"),
        string(json, "priority"));
  }
}
