package dev.envelope.agent.record;

import dev.envelope.agent.capture.JoinedKeys;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Span attribute names and typed keys, made once: every transition of every envelope of a method
 * repeats the same {@code envelope.<family>.<key>} names. Keys taken from request data (map keys)
 * may never repeat, so past a bound nothing more is kept.
 */
final class AttributeKeys {
  private static final int MAX_KEPT = 8192;

  private final JoinedKeys names = new JoinedKeys("");
  private final ConcurrentHashMap<String, AttributeKey<?>>[] typed;
  private final AtomicInteger kept = new AtomicInteger();

  @SuppressWarnings("unchecked")
  AttributeKeys() {
    typed = new ConcurrentHashMap[AttributeType.values().length];
    for (int i = 0; i < typed.length; i++) {
      typed[i] = new ConcurrentHashMap<>();
    }
  }

  /** {@code prefix + key}. */
  String name(String prefix, String key) {
    return names.join(prefix, key);
  }

  /** The key of {@code type} named {@code name}. */
  @SuppressWarnings("unchecked")
  <T> AttributeKey<T> key(AttributeType type, String name) {
    ConcurrentHashMap<String, AttributeKey<?>> byName = typed[type.ordinal()];
    AttributeKey<?> key = byName.get(name);
    if (key == null) {
      key = create(type, name);
      if (kept.get() < MAX_KEPT && byName.putIfAbsent(name, key) == null) {
        kept.incrementAndGet();
      }
    }
    return (AttributeKey<T>) key;
  }

  private static AttributeKey<?> create(AttributeType type, String name) {
    switch (type) {
      case LONG:
        return AttributeKey.longKey(name);
      case DOUBLE:
        return AttributeKey.doubleKey(name);
      case BOOLEAN:
        return AttributeKey.booleanKey(name);
      case STRING_ARRAY:
        return AttributeKey.stringArrayKey(name);
      case LONG_ARRAY:
        return AttributeKey.longArrayKey(name);
      case DOUBLE_ARRAY:
        return AttributeKey.doubleArrayKey(name);
      case BOOLEAN_ARRAY:
        return AttributeKey.booleanArrayKey(name);
      default:
        return AttributeKey.stringKey(name);
    }
  }
}
