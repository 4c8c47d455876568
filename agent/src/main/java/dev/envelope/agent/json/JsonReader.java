package dev.envelope.agent.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON text (RFC 8259) into plain Java values: {@code Map<String,Object>} (member order
 * kept), {@code List<Object>}, {@code String}, {@code Long} for integers that fit, {@code
 * BigDecimal} for every other number, {@code Boolean} and {@code null}.
 *
 * <p>The command-line tools read event lines with it. It lives in the agent jar, where a general
 * JSON library would cost more than the rest of the command line together. It is strict, because
 * its callers decide from it whether a line is torn: trailing content, a duplicate member name, a
 * raw control character in a string or nesting deeper than {@link #MAX_DEPTH} are all errors.
 */
public final class JsonReader {
  /** Deeper nesting is refused rather than risk the stack: event lines nest four levels. */
  public static final int MAX_DEPTH = 256;

  /** Longer number literals are refused: no envelope figure has this many digits. */
  public static final int MAX_NUMBER_CHARS = 4096;

  private final String text;
  private int pos;
  private int depth;
  private final StringBuilder scratch = new StringBuilder();

  private JsonReader(String text) {
    this.text = text;
  }

  /** Parses {@code text}, which must hold exactly one JSON value (whitespace around it allowed). */
  public static Object parse(String text) throws JsonSyntaxException {
    JsonReader reader = new JsonReader(text);
    reader.skipWhitespace();
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("unexpected " + reader.describeHere() + " after the value");
    }
    return value;
  }

  private Object value() throws JsonSyntaxException {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected " + describeHere());
    }
  }

  private Map<String, Object> object() throws JsonSyntaxException {
    enter();
    pos++;
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return members;
    }
    while (true) {
      if (peek() != '"') {
        throw error("expected a member name, found " + describeHere());
      }
      int at = pos;
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = value();
      if (members.containsKey(name)) {
        throw new JsonSyntaxException("duplicate member '" + name + "'", at);
      }
      members.put(name, value);
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        depth--;
        return members;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}', found " + describeHere());
      }
      skipWhitespace();
    }
  }

  private List<Object> array() throws JsonSyntaxException {
    enter();
    pos++;
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return Collections.emptyList();
    }
    List<Object> elements = new ArrayList<>();
    while (true) {
      elements.add(value());
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        depth--;
        return elements;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']', found " + describeHere());
      }
      skipWhitespace();
    }
  }

  private String string() throws JsonSyntaxException {
    int start = ++pos;
    // Most strings have no escapes: one substring, no copying through the scratch buffer.
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        return text.substring(start, pos++);
      }
      if (c == '\\') {
        break;
      }
      if (c < 0x20) {
        throw error("raw control character U+" + hex4(c) + " in a string");
      }
      pos++;
    }
    StringBuilder out = scratch;
    out.setLength(0);
    out.append(text, start, pos);
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("raw control character U+" + hex4(c) + " in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"': out.append('"'); break;
        case '\\': out.append('\\'); break;
        case '/': out.append('/'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u': out.append(unicodeEscape()); break;
        default:
          pos--;
          throw error("invalid escape '\\" + e + "'");
      }
    }
    throw new JsonSyntaxException("unterminated string", start - 1);
  }

  private char unicodeEscape() throws JsonSyntaxException {
    if (pos + 4 > text.length()) {
      throw error("incomplete \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(pos + i);
      // Character.digit would take full-width and other Unicode digits too.
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        throw error("invalid \\u escape");
      }
      v = (v << 4) | d;
    }
    pos += 4;
    return (char) v;
  }

  private Object number() throws JsonSyntaxException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("expected a digit, found " + describeHere());
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits();
    }
    if (pos - start > MAX_NUMBER_CHARS) {
      // BigInteger/BigDecimal parse in quadratic time: a 2 MB number took a minute.
      throw new JsonSyntaxException("number out of range: " + (pos - start) + " characters",
          start);
    }
    String literal = text.substring(start, pos);
    if (integral) {
      if (literal.length() <= 18) {
        return Long.parseLong(literal);
      }
      BigInteger big = new BigInteger(literal);
      return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
    }
    try {
      return new BigDecimal(literal);
    } catch (NumberFormatException e) {
      // An exponent beyond int range: valid JSON, but no Java number holds it.
      throw new JsonSyntaxException("number out of range: " + cut(literal), start);
    }
  }

  private void digits() throws JsonSyntaxException {
    if (!isDigit(peek())) {
      throw error("expected a digit, found " + describeHere());
    }
    while (isDigit(peek())) {
      pos++;
    }
  }

  private void literal(String word) throws JsonSyntaxException {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected " + describeHere());
    }
    pos += word.length();
  }

  private void enter() throws JsonSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void expect(char c) throws JsonSyntaxException {
    if (peek() != c) {
      throw error("expected '" + c + "', found " + describeHere());
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
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

  private String describeHere() {
    if (pos >= text.length()) {
      return "end of input";
    }
    char c = text.charAt(pos);
    return c < 0x20 || c > 0x7e ? "U+" + hex4(c) : "'" + c + "'";
  }

  private JsonSyntaxException error(String message) {
    return new JsonSyntaxException(message, pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String hex4(char c) {
    String h = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
    return "0000".substring(h.length()) + h;
  }

  private static String cut(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
