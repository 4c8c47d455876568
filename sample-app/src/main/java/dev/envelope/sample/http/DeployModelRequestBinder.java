package dev.envelope.sample.http;

import dev.envelope.sample.serving.DeployModelRequest;
import dev.envelope.sample.serving.InvalidRequestException;
import java.math.BigDecimal;
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

  private static String string(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw wrongType(field, "a string");
  }

  private static BigDecimal number(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Long) {
      return BigDecimal.valueOf((Long) value);
    }
    if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    throw wrongType(field, "a number");
  }

  private static Integer integer(Map<String, Object> json, String field) {
    BigDecimal value;
    try {
      value = number(json, field);
    } catch (InvalidRequestException e) {
      throw wrongType(field, "an integer");
    }
    if (value == null) {
      return null;
    }
    // Range first: stripTrailingZeros and intValueExact stay cheap on values that passed it.
    if (value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
        || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw new InvalidRequestException(field + " is out of range");
    }
    if (value.stripTrailingZeros().scale() > 0) {
      throw wrongType(field, "an integer");
    }
    return value.intValueExact();
  }

  private static InvalidRequestException wrongType(String field, String expected) {
    return new InvalidRequestException(field + " must be " + expected);
  }
}
