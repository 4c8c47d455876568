package dev.envelope.sample.http;

import static dev.envelope.sample.http.JsonFields.number;
import static dev.envelope.sample.http.JsonFields.string;

import dev.envelope.sample.registry.RegistrationRequest;
import dev.envelope.sample.serving.InvalidRequestException;
import java.util.Map;

/**
 * Turns a parsed JSON object into a {@link RegistrationRequest}. Only types are checked here; what
 * the values mean is checked inside admission. Unknown fields are ignored.
 */
public final class RegistrationRequestBinder {

  private RegistrationRequestBinder() {}

  /**
   * Binds {@code json}.
   *
   * @throws InvalidRequestException when a field has the wrong JSON type
   */
  public static RegistrationRequest bind(Map<String, Object> json) {
    return new RegistrationRequest(
        string(json, "deployment_id"),
        string(json, "tenant_id"),
        string(json, "model"),
        string(json, "engine"),
        string(json, "node"),
        number(json, "gpu_count"));
  }
}
