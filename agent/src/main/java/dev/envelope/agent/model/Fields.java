package dev.envelope.agent.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys and values of one family: an immutable, ordered map from snake_case keys to typed
 * scalars ({@link String}, {@link Long}, {@link Double}, {@link Boolean}, or an immutable list of
 * those). Anything else is rejected at construction so every consumer can rely on the types.
 */
public final class Fields {
  /** No keys; like every instance, its map view rejects any change. */
  public static final Fields EMPTY =
      new Fields(Collections.unmodifiableMap(new LinkedHashMap<>()));

  private final Map<String, Object> values;

  private Fields(Map<String, Object> values) {
    this.values = values;
  }

  /** Copies and checks {@code values}. */
  public static Fields of(Map<String, ?> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    Map<String, Object> copy = new LinkedHashMap<>(values.size() * 2);
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "key");
      if (key.isEmpty()) {
        throw new IllegalArgumentException("empty key");
      }
      copy.put(key, checked(key, e.getValue()));
    }
    return new Fields(Collections.unmodifiableMap(copy));
  }

  /**
   * These fields with {@code refinement} laid over them: keys are only gained or refined, never
   * removed (invariant 2).
   */
  public Fields refinedBy(Fields refinement) {
    if (refinement.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return refinement;
    }
    Map<String, Object> merged = new LinkedHashMap<>(values);
    merged.putAll(refinement.values);
    return new Fields(Collections.unmodifiableMap(merged));
  }

  /** A read-only view; any attempt to change it throws {@link UnsupportedOperationException}. */
  public Map<String, Object> asMap() {
    return values;
  }

  public Object get(String key) {
    return values.get(key);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public int size() {
    return values.size();
  }

  private static Object checked(String key, Object value) {
    if (value instanceof String || value instanceof Long || value instanceof Double
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        if (element instanceof List || checked(key, element) == null) {
          throw new IllegalArgumentException("key '" + key + "': nested or null list element");
        }
        copy.add(element);
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException("key '" + key + "': value of type "
        + (value == null ? "null" : value.getClass().getName())
        + " is not a string, long, double, boolean or list of those");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fields && ((Fields) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
