package dev.envelope.agent.record;

import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the agent's own output. Every string is escaped so that the line stays
 * one valid JSON line whatever it holds: control characters, line separators and unpaired
 * surrogates (written as U+FFFD, so the file is always valid UTF-8).
 */
public final class JsonWriter {
  private final StringBuilder out;
  private boolean needsComma;

  JsonWriter(StringBuilder out) {
    this.out = out;
  }

  JsonWriter beginObject() {
    comma();
    out.append('{');
    needsComma = false;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    needsComma = true;
    return this;
  }

  JsonWriter beginArray() {
    comma();
    out.append('[');
    needsComma = false;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    needsComma = true;
    return this;
  }

  JsonWriter name(String name) {
    comma();
    string(out, name);
    out.append(':');
    needsComma = false;
    return this;
  }

  /** Writes a string, long, double, boolean, list of those, {@code Map<String,?>} or null. */
  JsonWriter value(Object value) {
    comma();
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      string(out, (String) value);
    } else if (value instanceof Boolean) {
      out.append(((Boolean) value).booleanValue());
    } else if (value instanceof Long || value instanceof Integer) {
      out.append(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        string(out, Double.toString(d)); // JSON has no NaN or Infinity
      } else {
        out.append(d);
      }
    } else if (value instanceof List) {
      out.append('[');
      needsComma = false;
      for (Object element : (List<?>) value) {
        value(element);
      }
      out.append(']');
    } else if (value instanceof Map) {
      out.append('{');
      needsComma = false;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        name(String.valueOf(e.getKey()));
        value(e.getValue());
      }
      out.append('}');
    } else {
      string(out, value.getClass().getName()); // never reached with envelope values
    }
    needsComma = true;
    return this;
  }

  JsonWriter field(String name, Object value) {
    return name(name).value(value);
  }

  /** Appends members already written by another {@code JsonWriter}: {@code "a":1,"b":2}. */
  JsonWriter members(String written) {
    if (!written.isEmpty()) {
      comma();
      out.append(written);
      needsComma = true;
    }
    return this;
  }

  private void comma() {
    if (needsComma) {
      out.append(',');
    }
  }

  /** Appends {@code s} as a JSON string, quoted and escaped. */
  public static void string(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int plain = 0;
    while (plain < n && isPlain(s.charAt(plain))) {
      plain++;
    }
    // Most values need no escaping: copy them whole (append(String) copies the array at once;
    // append(CharSequence, int, int) goes a character at a time).
    if (plain == n) {
      out.append(s).append('"');
      return;
    }
    out.append(s, 0, plain);
    for (int i = plain; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
            unicode(out, c);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
              out.append(c).append(s.charAt(++i));
            } else {
              out.append('\uFFFD');
            }
          } else if (Character.isLowSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** Printable ASCII that JSON takes as it is. */
  private static boolean isPlain(char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  }

  private static void unicode(StringBuilder out, char c) {
    out.append("\\u");
    String hex = Integer.toHexString(c);
    for (int k = hex.length(); k < 4; k++) {
      out.append('0');
    }
    out.append(hex);
  }
}
