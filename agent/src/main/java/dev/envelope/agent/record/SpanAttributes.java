package dev.envelope.agent.record;

import dev.envelope.agent.model.Fields;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;

/** Envelope values as typed span attributes: long, double, boolean, string and their arrays. */
final class SpanAttributes {
  /** Shared by every span of the process: the names repeat across envelopes. */
  static final AttributeKeys KEYS = new AttributeKeys();

  private SpanAttributes() {}

  /** Adds {@code prefix.<key>} for every key of {@code fields}. */
  static void put(AttributesBuilder into, String prefix, Fields fields) {
    for (int i = 0; i < fields.size(); i++) {
      put(into, KEYS.name(prefix, fields.key(i)), fields.value(i));
    }
  }

  static void put(AttributesBuilder into, String key, Object value) {
    AttributeType type = typeOf(value);
    if (type != null) {
      into.put(KEYS.<Object>key(type, key), typed(type, value));
    }
  }

  /** Sets one attribute on {@code span}, without building an {@code Attributes} first. */
  static void set(Span span, String key, Object value) {
    AttributeType type = typeOf(value);
    if (type != null) {
      span.setAttribute(KEYS.<Object>key(type, key), typed(type, value));
    }
  }

  /** The attribute type of an envelope value; lists take their first element's. */
  static AttributeType typeOf(Object value) {
    if (value instanceof String) {
      return AttributeType.STRING;
    } else if (value instanceof Long) {
      return AttributeType.LONG;
    } else if (value instanceof Double) {
      return AttributeType.DOUBLE;
    } else if (value instanceof Boolean) {
      return AttributeType.BOOLEAN;
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      Object first = list.isEmpty() ? "" : list.get(0);
      return first instanceof Long ? AttributeType.LONG_ARRAY
          : first instanceof Double ? AttributeType.DOUBLE_ARRAY
          : first instanceof Boolean ? AttributeType.BOOLEAN_ARRAY
          : AttributeType.STRING_ARRAY;
    }
    return null;
  }

  /** The value as its attribute type holds it: string arrays hold strings. */
  private static Object typed(AttributeType type, Object value) {
    if (type != AttributeType.STRING_ARRAY) {
      return value;
    }
    List<?> list = (List<?>) value;
    for (Object o : list) {
      if (!(o instanceof String)) {
        List<String> strings = new ArrayList<>(list.size());
        for (Object e : list) {
          strings.add(String.valueOf(e));
        }
        return strings;
      }
    }
    return value;
  }
}
