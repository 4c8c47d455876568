package dev.envelope.agent.report;

import java.util.HashMap;
import java.util.Map;

/**
 * Envelope id to a long, for every envelope already counted: an open-addressing table over the
 * UUID's two longs, about 25 bytes an envelope, so that a report over hundreds of millions of
 * events still recognises a late duplicate. Ids that are not UUIDs go to an ordinary map.
 */
final class IdTable {
  private long[] keys = new long[2 * 1024];
  private long[] values = new long[1024];
  private boolean[] used = new boolean[1024];
  private int size;
  private final Map<String, Long> odd = new HashMap<>();

  void put(String id, long value) {
    long hi = half(id, 0, 18);
    long lo = half(id, 19, 36);
    if (hi == -1 || lo == -1) {
      odd.put(id, value);
      return;
    }
    if (size * 2 >= values.length) {
      grow();
    }
    insert(hi, lo, value);
  }

  /** The value stored for {@code id}, or {@code null}. */
  Long get(String id) {
    long hi = half(id, 0, 18);
    long lo = half(id, 19, 36);
    if (hi == -1 || lo == -1) {
      return odd.get(id);
    }
    int mask = values.length - 1;
    for (int i = slot(hi, lo, mask); ; i = (i + 1) & mask) {
      if (!used[i]) {
        return null;
      }
      if (keys[2 * i] == hi && keys[2 * i + 1] == lo) {
        return values[i];
      }
    }
  }

  private void insert(long hi, long lo, long value) {
    int mask = values.length - 1;
    for (int i = slot(hi, lo, mask); ; i = (i + 1) & mask) {
      if (!used[i]) {
        used[i] = true;
        keys[2 * i] = hi;
        keys[2 * i + 1] = lo;
        values[i] = value;
        size++;
        return;
      }
      if (keys[2 * i] == hi && keys[2 * i + 1] == lo) {
        values[i] = value;
        return;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    values = new long[oldValues.length * 2];
    used = new boolean[oldUsed.length * 2];
    size = 0;
    for (int i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i]) {
        insert(oldKeys[2 * i], oldKeys[2 * i + 1], oldValues[i]);
      }
    }
  }

  private static int slot(long hi, long lo, int mask) {
    long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /**
   * The 64 bits of the lower-case UUID's first (characters 0..17) or second (19..35) half,
   * or -1 when the id is not in that form (an id whose half really is all ones also takes the
   * ordinary map, which is only slower).
   */
  private static long half(String id, int from, int to) {
    if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-'
        || id.charAt(23) != '-') {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = id.charAt(i);
      if (c == '-') {
        continue;
      }
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
