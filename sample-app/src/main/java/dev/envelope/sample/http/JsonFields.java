package dev.envelope.sample.http;

import dev.envelope.sample.serving.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one field of a parsed JSON object, shared by the request binders. Missing fields
 * and JSON {@code null} both read as {@code null}; a value of the wrong JSON type is refused with
 * {@code <field> must be <type>}, before admission.
 */
final class JsonFields {

  private JsonFields() {}

  static String string(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw wrongType(field, "a string");
  }

  static BigDecimal number(Map<String, Object> json, String field) {
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

  static Integer integer(Map<String, Object> json, String field) {
    BigDecimal value = wholeNumber(json, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    return value == null ? null : value.intValueExact();
  }

  static Long longInteger(Map<String, Object> json, String field) {
    BigDecimal value = wholeNumber(json, field, Long.MIN_VALUE, Long.MAX_VALUE);
    return value == null ? null : value.longValueExact();
  }

  static Boolean bool(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw wrongType(field, "true or false");
  }

  /** An array whose elements are all strings, as an unmodifiable list. */
  static List<String> strings(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof List)) {
      throw wrongType(field, "an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object element : (List<?>) value) {
      if (!(element instanceof String)) {
        throw wrongType(field, "an array of strings");
      }
      out.add((String) element);
    }
    return Collections.unmodifiableList(out);
  }

  private static BigDecimal wholeNumber(Map<String, Object> json, String field, long min, long max) {
    BigDecimal value;
    try {
      value = number(json, field);
    } catch (InvalidRequestException e) {
      throw wrongType(field, "an integer");
    }
    if (value == null) {
      return null;
    }
    // Range first: stripTrailingZeros stays cheap on values that passed it.
    if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new InvalidRequestException(field + " is out of range");
    }
    if (value.stripTrailingZeros().scale() > 0) {
      throw wrongType(field, "an integer");
    }
    return value;
  }

  private static InvalidRequestException wrongType(String field, String expected) {
    return new InvalidRequestException(field + " must be " + expected);
  }
}
