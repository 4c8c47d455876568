package dev.envelope.agent.report;

import dev.envelope.agent.json.JsonValues;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * 64-bit content hashes of JSON values, equal for JSON-equal values (member order and {@code 1}
 * vs {@code 1.0} do not matter). The report compares an envelope's families across its events by
 * these hashes instead of keeping every snapshot.
 */
final class Hashing {
  private static final long SEED =
      java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1L;

  private Hashing() {}

  static long of(Object v) {
    if (v == null) {
      return 0x9E3779B97F4A7C15L;
    }
    if (v instanceof String) {
      return string((String) v);
    }
    if (v instanceof Boolean) {
      return (Boolean) v ? 0x5851F42D4C957F2DL : 0x14057B7EF767814FL;
    }
    if (v instanceof Long) {
      return mix(((Long) v) ^ 0x2545F4914F6CDD1DL);
    }
    if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      if (JsonValues.isIntegral(d) && (long) d.precision() - d.scale() <= 19) {
        try {
          return of(d.longValueExact());
        } catch (ArithmeticException tooBig) {
          // falls through to the textual form
        }
      }
      return string(d.stripTrailingZeros().toString()) * 31 + 7;
    }
    if (v instanceof Map) {
      long h = 0x632BE59BD9B4E019L;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        // A sum, so that member order does not change it.
        h += mix(string(String.valueOf(e.getKey())) * 0x9E3779B97F4A7C15L + of(e.getValue()));
      }
      return mix(h);
    }
    if (v instanceof List) {
      long h = 0x3C6EF372FE94F82AL;
      for (Object o : (List<?>) v) {
        h = mix(h * 31 + of(o));
      }
      return h;
    }
    return string(v.toString());
  }

  /**
   * 64 bits over every character (FNV-1a), from a seed drawn for each run: {@link
   * String#hashCode()} is faster but two names that collide under it are easy to make up ("Aa" and
   * "BB"), and a tenant renamed to its collision would pass as an unchanged ask.
   */
  static long string(String s) {
    long h = SEED ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
