package dev.envelope.agent.capture;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code prefix + separator + key} strings, made once: the same properties are reached under the
 * same prefixes call after call, and a joined key is the prefix one level down, so its hash is
 * computed once too. Keys from request data (map keys) may never repeat: past a bound, joins are no
 * longer kept.
 */
public final class JoinedKeys {
  private static final int MAX_KEPT = 8192;

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> byPrefix =
      new ConcurrentHashMap<>();
  private final AtomicInteger kept = new AtomicInteger();
  private final String separator;

  public JoinedKeys(String separator) {
    this.separator = separator;
  }

  /** {@code prefix + separator + key}, or {@code key} alone when there is no prefix. */
  public String join(String prefix, String key) {
    if (prefix == null || prefix.isEmpty()) {
      return key;
    }
    ConcurrentHashMap<String, String> keys = byPrefix.get(prefix);
    if (keys != null) {
      String joined = keys.get(key);
      if (joined != null) {
        return joined;
      }
    }
    String joined = prefix + separator + key;
    if (kept.get() < MAX_KEPT) {
      if (keys == null) {
        keys = byPrefix.computeIfAbsent(prefix, p -> new ConcurrentHashMap<>());
      }
      if (keys.putIfAbsent(key, joined) == null) {
        kept.incrementAndGet();
      }
    }
    return joined;
  }
}
