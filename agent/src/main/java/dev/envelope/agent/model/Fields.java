package dev.envelope.agent.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The keys and values of one family: an immutable, ordered map from snake_case keys to typed
 * scalars ({@link String}, {@link Long}, {@link Double}, {@link Boolean}, or an immutable list of
 * those). Anything else is rejected at construction so every consumer can rely on the types.
 *
 * <p>Held as two arrays, not a map: a family has a handful of keys, is built on the application's
 * thread once per call and read only in order or by a linear look-up.
 */
public final class Fields {
  private static final String[] NO_KEYS = new String[0];

  /** No keys; like every instance, its map view rejects any change. */
  public static final Fields EMPTY = new Fields(NO_KEYS, new Object[0], 0);

  /** Only the first {@code size} slots are used. */
  private final String[] keys;
  private final Object[] values;
  private final int size;
  /** Made on first use; every caller gets the same one. */
  private volatile Map<String, Object> view;

  private Fields(String[] keys, Object[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** Copies and checks {@code values}. */
  public static Fields of(Map<String, ?> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    String[] keys = new String[values.size()];
    Object[] checked = new Object[keys.length];
    int n = 0;
    for (Map.Entry<String, ?> e : values.entrySet()) {
      keys[n] = checkedKey(e.getKey());
      checked[n] = checked(keys[n], e.getValue());
      n++;
    }
    return new Fields(keys, checked, n);
  }

  /**
   * The first {@code size} keys and values, checked; the arrays become the fields' own, so the
   * caller must not change them afterwards. The keys must be distinct, as the keys of a map are.
   */
  public static Fields adopt(String[] keys, Object[] values, int size) {
    if (size == 0) {
      return EMPTY;
    }
    for (int i = 0; i < size; i++) {
      checkedKey(keys[i]);
      values[i] = checked(keys[i], values[i]);
    }
    return new Fields(keys, values, size);
  }

  /**
   * These fields with {@code refinement} laid over them: keys are only gained or refined, never
   * removed (invariant 2).
   */
  public Fields refinedBy(Fields refinement) {
    if (refinement.size == 0) {
      return this;
    }
    if (size == 0) {
      return refinement;
    }
    String[] k = Arrays.copyOf(keys, size + refinement.size);
    Object[] v = Arrays.copyOf(values, k.length);
    int n = size;
    for (int r = 0; r < refinement.size; r++) {
      int at = indexOf(refinement.keys[r]);
      if (at >= 0) {
        v[at] = refinement.values[r];
      } else {
        k[n] = refinement.keys[r];
        v[n++] = refinement.values[r];
      }
    }
    return new Fields(k, v, n);
  }

  /** A read-only view, in key order; any attempt to change it throws. */
  public Map<String, Object> asMap() {
    Map<String, Object> v = view;
    if (v == null) {
      synchronized (this) {
        v = view;
        if (v == null) {
          v = new View();
          view = v;
        }
      }
    }
    return v;
  }

  public Object get(String key) {
    int at = indexOf(key);
    return at < 0 ? null : values[at];
  }

  /** The key at {@code index} ({@code < size()}), in order. */
  public String key(int index) {
    return keys[index];
  }

  /** The value at {@code index} ({@code < size()}), in order. */
  public Object value(int index) {
    return values[index];
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static String checkedKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("empty key");
    }
    return key;
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
    return o instanceof Fields && ((Fields) o).asMap().equals(asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  /** The map view: read-only, entries included. */
  private final class View extends AbstractMap<String, Object> {
    private final Set<Map.Entry<String, Object>> entries = new AbstractSet<Map.Entry<String, Object>>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<Map.Entry<String, Object>>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return entries;
    }

    @Override
    public Object get(Object key) {
      int at = indexOf(key);
      return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public int size() {
      return size;
    }

    // AbstractMap only refuses a change that would change something; a view refuses them all.
    @Override
    public Object put(String key, Object value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object remove(Object key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
      throw new UnsupportedOperationException();
    }
  }
}
