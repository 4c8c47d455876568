package dev.envelope.agent.capture;

import dev.envelope.agent.model.Fields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys captured for one family during one call, bounded by the per-family key limit, with the
 * keys that were redacted.
 */
public final class FamilyCapture {
  private final String family;
  private final int maxKeys;
  private final CaptureStats stats;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private List<String> redacted = Collections.emptyList();

  public FamilyCapture(String family, int maxKeys, CaptureStats stats) {
    this.family = family;
    this.maxKeys = maxKeys;
    this.stats = stats;
  }

  boolean isFull() {
    return values.size() >= maxKeys;
  }

  void put(String key, Object value) {
    if (values.containsKey(key) || values.size() < maxKeys) {
      values.put(key, value);
    } else {
      stats.keysDropped.increment();
    }
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
  void moveTo(FamilyCapture other, java.util.Set<String> keys) {
    for (String key : keys) {
      if (values.containsKey(key)) {
        Object value = values.remove(key);
        if (redacted.remove(family + "." + key)) {
          other.redact(key);
        } else {
          other.put(key, value);
        }
      }
    }
  }

  public Fields fields() {
    return Fields.of(values);
  }

  /** Qualified keys ({@code family.key}) whose values were replaced. */
  public List<String> redacted() {
    return redacted;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
