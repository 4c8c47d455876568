package dev.envelope.sample.http;

import static dev.envelope.sample.http.JsonFields.integer;
import static dev.envelope.sample.http.JsonFields.string;
import static dev.envelope.sample.http.JsonFields.strings;

import dev.envelope.sample.evaluation.EvaluationRequest;
import dev.envelope.sample.serving.InvalidRequestException;
import java.util.Map;

/**
 * Turns a parsed JSON object into an {@link EvaluationRequest}, checking types only: {@code
 * deployment_id}, {@code dataset} (strings), {@code metrics} (array of strings), {@code
 * sample_count}, {@code gpu_count} (integers). Unknown fields are ignored.
 */
public final class EvaluationRequestBinder {

  private EvaluationRequestBinder() {}

  /**
   * Binds {@code json}.
   *
   * @throws InvalidRequestException when a field has the wrong JSON type
   */
  public static EvaluationRequest bind(Map<String, Object> json) {
    return new EvaluationRequest(
        string(json, "deployment_id"),
        string(json, "dataset"),
        strings(json, "metrics"),
        integer(json, "sample_count"),
        integer(json, "gpu_count"));
  }
}
