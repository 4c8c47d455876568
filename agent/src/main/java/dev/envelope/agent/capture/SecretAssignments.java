package dev.envelope.agent.capture;

/**
 * Finds {@code key=value}, {@code key: value} and JSON {@code "key": value} in free text and hides
 * the value when the key is a secret key. A hand-written scan rather than a regular expression:
 * exception messages can be long, and a key pattern that backtracks over every run of word
 * characters is quadratic in them.
 */
final class SecretAssignments {
  private static final int MAX_KEY = 64;
  private static final int MAX_GAP = 8;
  /** Authorization schemes whose credential follows after a space. */
  private static final String[] SCHEMES = {"bearer", "basic", "token", "digest", "negotiate",
    "ntlm", "apikey", "key", "hoba", "mutual", "aws4-hmac-sha256"};

  private SecretAssignments() {}

  static String scrub(String text, Redactor redactor) {
    StringBuilder out = null;
    int copied = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if ((c != '=' && c != ':') || isDoubled(text, i) || !isSecretKeyBefore(text, i, redactor)) {
        continue;
      }
      int start = skipSpace(text, i + 1);
      if (start >= n) {
        break;
      }
      int[] value = valueAt(text, start);
      if (value == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(text, copied, value[0]).append(Redactor.REDACTED);
      copied = value[1];
      i = value[1] - 1;
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  /** {@code ==}, {@code ::}, {@code =>} and {@code ://} join or compare, they do not assign. */
  private static boolean isDoubled(String text, int i) {
    char c = text.charAt(i);
    if (i + 1 < text.length()) {
      char next = text.charAt(i + 1);
      if (next == c || (c == '=' && next == '>')
          || (c == ':' && next == '/' && i + 2 < text.length() && text.charAt(i + 2) == '/')) {
        return true;
      }
    }
    return i > 0 && text.charAt(i - 1) == c;
  }

  private static boolean isSecretKeyBefore(String text, int separator, Redactor redactor) {
    int end = separator;
    int gap = 0;
    while (end > 0 && gap++ < MAX_GAP && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
      end--;
    }
    int begin = end;
    while (begin > 0 && end - begin < MAX_KEY && isKeyChar(text.charAt(begin - 1))) {
      begin--;
    }
    if (begin == end) {
      return false;
    }
    String key = text.substring(begin, end);
    return redactor.isSecretWord(key) || redactor.isSecretWord(KeyNames.snakeCase(key));
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  private static int skipSpace(String text, int i) {
    int gap = 0;
    while (i < text.length() && gap++ < MAX_GAP && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code [from, to)} of the text to hide, or {@code null} when there is nothing (left) to hide. */
  private static int[] valueAt(String text, int start) {
    if (text.startsWith(Redactor.REDACTED, start)) {
      return null;
    }
    char c = text.charAt(start);
    if (c == '"' || c == '\'') {
      int close = closingQuote(text, start);
      return close == start + 1 || text.startsWith(Redactor.REDACTED, start + 1) ? null
          : new int[] {start + 1, close};
    }
    if (c == '{' || c == '[') {
      return new int[] {start, closingBracket(text, start)};
    }
    int end = tokenEnd(text, start);
    if (end == start) {
      return null;
    }
    if (isScheme(text, start, end)) {
      int credential = skipSpace(text, end);
      if (credential > end && text.startsWith(Redactor.REDACTED, credential)) {
        return null;
      }
      int credentialEnd = tokenEnd(text, credential);
      if (credential > end && credentialEnd > credential) {
        return new int[] {credential, credentialEnd};
      }
    }
    return new int[] {start, end};
  }

  private static int tokenEnd(String text, int i) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || ",;&\"'<>(){}[]".indexOf(c) >= 0) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isScheme(String text, int start, int end) {
    for (String scheme : SCHEMES) {
      if (scheme.length() == end - start && text.regionMatches(true, start, scheme, 0, end - start)) {
        return true;
      }
    }
    return false;
  }

  /** The index of the quote closing the one at {@code open}, or the end of the text. */
  private static int closingQuote(String text, int open) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return text.length();
  }

  /** Just past the bracket closing the one at {@code open}, or the end of the text. */
  private static int closingBracket(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = closingQuote(text, i);
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return text.length();
  }
}
