package dev.envelope.agent.json;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON's view of the values {@link JsonReader} returns: type names, equality, short display. */
public final class JsonValues {
  private static final int BRIEF = 60;

  private JsonValues() {}

  /** The JSON Schema type name; numbers with no fractional part are {@code integer}. */
  public static String typeOf(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof Map) {
      return "object";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Number) {
      return isIntegral(v) ? "integer" : "number";
    }
    return v.getClass().getSimpleName();
  }

  /** A number whose value is a whole number, as 2020-12 counts integers ({@code 1.0} is one). */
  public static boolean isIntegral(Object v) {
    if (v instanceof Long || v instanceof Integer) {
      return true;
    }
    if (!(v instanceof BigDecimal)) {
      return false;
    }
    BigDecimal d = (BigDecimal) v;
    // Decided from scale and precision, never by expanding 1E+999999999 into its digits.
    return d.signum() == 0 || d.scale() <= 0 || (long) d.precision() - d.scale() > 0
        && d.stripTrailingZeros().scale() <= 0;
  }

  public static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal ? (BigDecimal) n : BigDecimal.valueOf(n.longValue());
  }

  /** JSON equality: numbers by value ({@code 1 == 1.0}), objects regardless of member order. */
  public static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number && b instanceof Number) {
      if (a instanceof Long && b instanceof Long) {
        return a.equals(b);
      }
      return decimal((Number) a).compareTo(decimal((Number) b)) == 0;
    }
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!same(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** A short display of a value for a one-line message: strings quoted, long ones cut. */
  public static String brief(Object v) {
    String s;
    if (v instanceof String) {
      s = "\"" + v + "\"";
    } else if (v instanceof Map) {
      s = "an object";
    } else if (v instanceof List && !((List<?>) v).isEmpty() && ((List<?>) v).size() <= 10) {
      StringBuilder b = new StringBuilder("[");
      for (Object o : (List<?>) v) {
        b.append(b.length() > 1 ? ", " : "").append(brief(o));
      }
      s = b.append(']').toString();
    } else if (v instanceof List) {
      s = "an array of " + ((List<?>) v).size();
    } else {
      s = String.valueOf(v);
    }
    s = s.length() > BRIEF ? s.substring(0, BRIEF) + "…" : s;
    StringBuilder clean = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      clean.append(c < 0x20 ? ' ' : c);
    }
    return clean.toString();
  }
}
