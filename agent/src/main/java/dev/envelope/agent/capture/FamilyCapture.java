package dev.envelope.agent.capture;

import dev.envelope.agent.model.Fields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The keys captured for one family during one call, bounded by the per-family key limit, with the
 * keys that were redacted. Keys and values sit in two growing arrays: a family has a handful of
 * keys, so a linear look-up is cheaper than a map's entries.
 */
public final class FamilyCapture {
  /** Room for this many keys when nothing better is known. */
  private static final int INITIAL = 4;

  private final String family;
  private final Budget budget;
  private String[] keys;
  private Object[] values;
  private int size;
  private Fields taken;
  private List<String> redacted = Collections.emptyList();

  /** The key limit and where dropped keys are counted: one per flattener, shared by captures. */
  static final class Budget {
    final int maxKeys;
    final CaptureStats stats;

    Budget(int maxKeys, CaptureStats stats) {
      this.maxKeys = maxKeys;
      this.stats = stats;
    }
  }

  public FamilyCapture(String family, int maxKeys, CaptureStats stats) {
    this(family, new Budget(maxKeys, stats), 0);
  }

  /** @param expected how many keys the same capture took last time; 0 when not known */
  FamilyCapture(String family, Budget budget, int expected) {
    this.family = family;
    this.budget = budget;
    if (expected > 0) {
      keys = new String[Math.min(expected, budget.maxKeys)];
      values = new Object[keys.length];
    }
  }

  int size() {
    return size;
  }

  boolean isFull() {
    return size >= budget.maxKeys;
  }

  void put(String key, Object value) {
    unshare();
    int at = indexOf(key);
    if (at >= 0) {
      values[at] = value;
    } else if (size < budget.maxKeys) {
      if (keys == null) {
        keys = new String[Math.min(INITIAL, budget.maxKeys)];
        values = new Object[keys.length];
      } else if (size == keys.length) {
        keys = Arrays.copyOf(keys, Math.min(size * 2, budget.maxKeys));
        values = Arrays.copyOf(values, keys.length);
      }
      keys[size] = key;
      values[size++] = value;
    } else {
      budget.stats.keysDropped.increment();
    }
  }

  private int indexOf(String key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  void redact(String key) {
    put(key, Redactor.REDACTED);
    if (redacted.isEmpty()) {
      redacted = new ArrayList<>(2);
    }
    String qualified = family + "." + key;
    if (!redacted.contains(qualified)) {
      redacted.add(qualified);
    }
  }

  /** Moves {@code keys} (and their redaction marks) into {@code other}. */
  void moveTo(FamilyCapture other, String[] moved) {
    for (String key : moved) {
      int at = indexOf(key);
      if (at < 0) {
        continue;
      }
      unshare();
      Object value = values[at];
      System.arraycopy(keys, at + 1, keys, at, size - at - 1);
      System.arraycopy(values, at + 1, values, at, size - at - 1);
      size--;
      keys[size] = null;
      values[size] = null;
      if (!redacted.isEmpty() && redacted.remove(family + "." + key)) {
        other.redact(key);
      } else {
        other.put(key, value);
      }
    }
  }

  /** The captured keys as fields; they share this capture's arrays until it changes again. */
  public Fields fields() {
    if (taken == null) {
      taken = size == 0 ? Fields.EMPTY : Fields.adopt(keys, values, size);
    }
    return taken;
  }

  /** Before a change: the arrays may belong to fields already handed out. */
  private void unshare() {
    if (taken != null) {
      if (keys != null) {
        keys = keys.clone();
        values = values.clone();
      }
      taken = null;
    }
  }

  /** Qualified keys ({@code family.key}) whose values were replaced. */
  public List<String> redacted() {
    return redacted;
  }

  public boolean isEmpty() {
    return size == 0;
  }
}
