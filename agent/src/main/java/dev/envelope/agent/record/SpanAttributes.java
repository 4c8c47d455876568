package dev.envelope.agent.record;

import dev.envelope.agent.model.Fields;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Envelope values as typed span attributes: long, double, boolean, string and their arrays. */
final class SpanAttributes {
  private SpanAttributes() {}

  /** Adds {@code prefix.<key>} for every key of {@code fields}. */
  static void put(AttributesBuilder into, String prefix, Fields fields) {
    for (Map.Entry<String, Object> e : fields.asMap().entrySet()) {
      put(into, prefix + e.getKey(), e.getValue());
    }
  }

  @SuppressWarnings("unchecked")
  static void put(AttributesBuilder into, String key, Object value) {
    if (value instanceof String) {
      into.put(AttributeKey.stringKey(key), (String) value);
    } else if (value instanceof Long) {
      into.put(AttributeKey.longKey(key), (Long) value);
    } else if (value instanceof Double) {
      into.put(AttributeKey.doubleKey(key), (Double) value);
    } else if (value instanceof Boolean) {
      into.put(AttributeKey.booleanKey(key), (Boolean) value);
    } else if (value instanceof List) {
      List<Object> list = (List<Object>) value;
      Object first = list.isEmpty() ? "" : list.get(0);
      if (first instanceof Long) {
        into.put(AttributeKey.longArrayKey(key), (List<Long>) (List<?>) list);
      } else if (first instanceof Double) {
        into.put(AttributeKey.doubleArrayKey(key), (List<Double>) (List<?>) list);
      } else if (first instanceof Boolean) {
        into.put(AttributeKey.booleanArrayKey(key), (List<Boolean>) (List<?>) list);
      } else {
        List<String> strings = new ArrayList<>(list.size());
        for (Object o : list) {
          strings.add(String.valueOf(o));
        }
        into.put(AttributeKey.stringArrayKey(key), strings);
      }
    }
  }
}
