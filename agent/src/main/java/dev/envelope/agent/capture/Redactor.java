package dev.envelope.agent.capture;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which keys are secrets, before their values are read, and scrubs credentials out of
 * free text such as exception messages.
 */
public final class Redactor {
  public static final String REDACTED = "[REDACTED]";
  static final String DEFAULT_KEYS =
      "password|passwd|secret|token|api_?key|authorization|credential|private_?key|cookie";

  /** Keys repeat call after call (they come from classes and plans): decide each one once. */
  private static final int MAX_DECISIONS = 8192;

  private final Pattern keys;
  private final ConcurrentHashMap<String, Boolean> decisions = new ConcurrentHashMap<>();
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[^\\s,;\"']+");
  /** The password of {@code scheme://user:password@host}. */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{0,15}://[^\\s/:@]{0,64}:)[^\\s/@]{1,256}@");

  private Redactor(String keyRegex) {
    this.keys = Pattern.compile(keyRegex, Pattern.CASE_INSENSITIVE);
  }

  /** The default key pattern, extended by {@code extraKeys} when not {@code null}. */
  public static Redactor create(String extraKeys) {
    return new Redactor(extraKeys == null || extraKeys.isEmpty()
        ? DEFAULT_KEYS
        : DEFAULT_KEYS + "|" + extraKeys);
  }

  /** True when a value under {@code key} (one name, or a dotted key) must not be captured. */
  public boolean isSecretKey(String key) {
    Boolean known = decisions.get(key);
    if (known != null) {
      return known;
    }
    boolean secret = keys.matcher(key).find();
    // Map keys may come from request data and never repeat: past the bound, decide every time.
    if (decisions.size() < MAX_DECISIONS) {
      decisions.put(key, secret);
    }
    return secret;
  }

  /**
   * The same rule for a key found in free text, not remembered: such words never repeat the way
   * capture keys do, and would only crowd them out of the decisions.
   */
  boolean isSecretWord(String word) {
    Boolean known = decisions.get(word);
    return known != null ? known : keys.matcher(word).find();
  }

  /**
   * {@code text} with credentials replaced: bearer and basic tokens, URL passwords, and the value
   * of every {@code key=value}, {@code key: value} or JSON {@code "key": value} whose key is a
   * secret key by the same rule as capture ({@code X-Api-Key} counts as {@code x_api_key}). A
   * quoted value is hidden up to its closing quote, a JSON object or array as a whole.
   */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = BEARER.matcher(text).replaceAll("$1 " + Matcher.quoteReplacement(REDACTED));
    out = USER_INFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
    return SecretAssignments.scrub(out, this);
  }
}
