package dev.envelope.sample.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) parser. Objects become insertion-ordered {@code Map<String,
 * Object>}, arrays {@code List<Object>}, integers without fraction or exponent that fit become
 * {@code Long}, every other number {@code BigDecimal}; {@code true}/{@code false} become {@code
 * Boolean} and {@code null} is Java {@code null}.
 *
 * <p>Limits keep a hostile body cheap to reject: nesting depth {@value #MAX_DEPTH}, number literals
 * of at most {@value #MAX_NUMBER_LENGTH} characters. Duplicate object keys and unpaired surrogate
 * escapes are rejected, because two readers could otherwise disagree on what the document says.
 */
public final class JsonParser {

  /** Deepest allowed nesting of arrays and objects. */
  public static final int MAX_DEPTH = 32;

  /** Longest allowed number literal, in characters. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  private final String text;
  private int pos;
  private int depth;

  private JsonParser(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value that spans the whole text (surrounding whitespace allowed).
   *
   * @throws JsonParseException if the text is not exactly one well-formed JSON value
   */
  public static Object parse(String text) {
    JsonParser parser = new JsonParser(text);
    parser.skipWhitespace();
    Object value = parser.readValue();
    parser.skipWhitespace();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected trailing content");
    }
    return value;
  }

  private Object readValue() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return readObject();
      case '[':
        return readArray();
      case '"':
        return readString();
      case 't':
        return readLiteral("true", Boolean.TRUE);
      case 'f':
        return readLiteral("false", Boolean.FALSE);
      case 'n':
        return readLiteral("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw error("unexpected character " + describe(c));
    }
  }

  private Map<String, Object> readObject() {
    enter();
    pos++;
    Map<String, Object> object = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return object;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      int keyOffset = pos;
      String key = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = readValue();
      if (object.containsKey(key)) {
        throw new JsonParseException("duplicate key \"" + key + "\"", keyOffset);
      }
      object.put(key, value);
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        depth--;
        return object;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> readArray() {
    enter();
    pos++;
    List<Object> array = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return array;
    }
    while (true) {
      skipWhitespace();
      array.add(readValue());
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        depth--;
        return array;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String readString() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character " + describe(c) + " in string");
      }
      if (c != '\\') {
        out.append(c);
        pos++;
        continue;
      }
      pos++;
      if (pos >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(pos);
      switch (e) {
        case '"': out.append('"'); pos++; break;
        case '\\': out.append('\\'); pos++; break;
        case '/': out.append('/'); pos++; break;
        case 'b': out.append('\b'); pos++; break;
        case 'f': out.append('\f'); pos++; break;
        case 'n': out.append('\n'); pos++; break;
        case 'r': out.append('\r'); pos++; break;
        case 't': out.append('\t'); pos++; break;
        case 'u': readUnicodeEscape(out); break;
        default:
          throw error("invalid escape \\" + e);
      }
    }
  }

  /** Reads {@code uXXXX} (the backslash already consumed), pairing surrogates. */
  private void readUnicodeEscape(StringBuilder out) {
    int escapeStart = pos - 1;
    char unit = readHexUnit();
    if (Character.isLowSurrogate(unit)) {
      throw new JsonParseException("unpaired low surrogate escape", escapeStart);
    }
    if (!Character.isHighSurrogate(unit)) {
      out.append(unit);
      return;
    }
    if (!text.startsWith("\\u", pos)) {
      throw new JsonParseException("unpaired high surrogate escape", escapeStart);
    }
    pos++;
    char low = readHexUnit();
    if (!Character.isLowSurrogate(low)) {
      throw new JsonParseException("unpaired high surrogate escape", escapeStart);
    }
    out.append(unit).append(low);
  }

  /** Reads {@code uXXXX} with {@code pos} on the {@code u}. */
  private char readHexUnit() {
    pos++;
    if (pos + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos + i), 16);
      // Character.digit also accepts non-ASCII digits, which JSON does not.
      if (digit < 0 || text.charAt(pos + i) > 'f') {
        throw error("invalid hex digit in \\u escape");
      }
      value = value * 16 + digit;
    }
    pos += 4;
    return (char) value;
  }

  private Object readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      skipDigits();
    } else {
      throw error("invalid number");
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after the decimal point");
      }
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      skipDigits();
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw new JsonParseException("number longer than " + MAX_NUMBER_LENGTH + " characters", start);
    }
    String literal = text.substring(start, pos);
    if (integral && pos - start <= 20) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException outOfRange) {
        // Falls through: 19 digits and a sign can still exceed a long.
      }
    }
    try {
      return new BigDecimal(literal);
    } catch (NumberFormatException | ArithmeticException e) {
      // BigDecimal refuses exponents beyond an int; the grammar was fine, the magnitude is not.
      throw new JsonParseException("number out of range", start);
    }
  }

  private Object readLiteral(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("invalid literal");
    }
    pos += word.length();
    return value;
  }

  private void enter() {
    depth++;
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  /** The current character, or {@code \0} at the end (never valid where a token is expected). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipDigits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private JsonParseException error(String message) {
    if (pos >= text.length() && !message.startsWith("unexpected end")) {
      return new JsonParseException(message + " (unexpected end of input)", pos);
    }
    return new JsonParseException(message, pos);
  }

  private static String describe(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }
}
