package dev.envelope.sample.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes compact JSON from the shapes {@link JsonParser} produces: maps with string keys (in their
 * iteration order, so a {@code LinkedHashMap} fixes the key order), collections, strings, numbers,
 * booleans and {@code null}.
 *
 * <p>Control characters, U+2028/U+2029 and unpaired surrogates are written as {@code \}{@code
 * uXXXX} escapes, so the output is valid UTF-8 and safe to embed in JavaScript.
 */
public final class JsonWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  /**
   * Returns the compact JSON text of {@code value}.
   *
   * @throws IllegalArgumentException for a non-finite floating-point number, a non-string map key
   *     or a type JSON cannot represent
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    writeValue(value, out);
    return out.toString();
  }

  private static void writeValue(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      writeString((String) value, out);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Number) {
      writeNumber((Number) value, out);
    } else if (value instanceof Map) {
      writeObject((Map<?, ?>) value, out);
    } else if (value instanceof Collection) {
      writeArray((Collection<?>) value, out);
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String)) {
        throw new IllegalArgumentException("JSON object keys must be strings: " + entry.getKey());
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString((String) entry.getKey(), out);
      out.append(':');
      writeValue(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void writeArray(Collection<?> items, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeValue(item, out);
    }
    out.append(']');
  }

  private static void writeNumber(Number number, StringBuilder out) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no representation for " + d);
      }
      out.append(number);
    } else if (number instanceof BigDecimal) {
      // toString may use an exponent ("1E+3"), which JSON allows; it never loses digits.
      out.append(number);
    } else if (number instanceof Long || number instanceof Integer || number instanceof Short
        || number instanceof Byte || number instanceof BigInteger) {
      out.append(number);
    } else {
      throw new IllegalArgumentException("cannot write " + number.getClass().getName() + " as JSON");
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || isUnpairedSurrogate(s, i)) {
            escape(c, out);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static boolean isUnpairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static void escape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
