package dev.envelope.sample.http;

import static dev.envelope.sample.http.JsonFields.integer;
import static dev.envelope.sample.http.JsonFields.number;
import static dev.envelope.sample.http.JsonFields.string;

import dev.envelope.sample.serving.DeployModelRequest;
import dev.envelope.sample.serving.InvalidRequestException;
import java.util.Map;

/**
 * Turns a parsed JSON object into a {@link DeployModelRequest}. Only types are checked here, since
 * a typed record cannot hold a string where a number belongs; what the values mean is checked
 * inside admission. Missing fields and JSON {@code null} both become {@code null}; unknown fields
 * are ignored so that newer clients still work.
 */
public final class DeployModelRequestBinder {

  private DeployModelRequestBinder() {}

  /**
   * Binds {@code json}.
   *
   * @throws InvalidRequestException when a field has the wrong JSON type
   */
  public static DeployModelRequest bind(Map<String, Object> json) {
    return new DeployModelRequest(
        string(json, "model"),
        string(json, "engine"),
        number(json, "gpu_count"),
        number(json, "cpu"),
        integer(json, "memory_gb"),
        string(json, "location"),
        integer(json, "concurrency"),
        integer(json, "timeout_s"),
        string(json, "priority"));
  }
}
