package dev.envelope.annotations;

import java.util.Collections;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The envelope API for what annotations cannot express: read the current envelope, and attach
 * service-specific data under a namespace ({@code extensions.<namespace>}). Without the envelope
 * agent every method is a no-op; the agent makes them live.
 *
 * <pre>{@code
 * CurrentEnvelope envelope = Envelopes.current();
 * if (envelope.isPresent()) {
 *   log.info("admitted as {}", envelope.id());
 * }
 * Envelopes.addExtension("serving.vllm", Map.of("max_model_len", 8192));
 * }</pre>
 */
public final class Envelopes {
  private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final String[] RESERVED = {"caller", "execution", "scope", "governance",
    "requested", "granted", "resolution", "extensions", "failure", "envelope"};

  private Envelopes() {}

  /** The envelope current on this thread; never {@code null} (empty when there is none). */
  public static CurrentEnvelope current() {
    Map<String, Object> snapshot = snapshot();
    return snapshot == null ? CurrentEnvelope.NONE : new CurrentEnvelope(snapshot);
  }

  /**
   * Adds {@code data} (a map, or an object whose properties are read like an argument's) to
   * {@code extensions.<namespace>} of the current envelope. Nothing else in the envelope changes.
   *
   * @return whether it was recorded: false without the agent, outside any admission, once the
   *     envelope has ended, or for a new namespace once the envelope holds as many namespaces as
   *     the key limit ({@code envelope.capture.max_keys}, 64); an existing namespace likewise takes
   *     new keys only up to that limit
   * @throws IllegalArgumentException if {@code namespace} is not dotted lower case
   *     ({@code serving.vllm}) or starts with a core family name; then nothing is recorded
   */
  public static boolean addExtension(String namespace, Object data) {
    checkNamespace(namespace);
    if (data == null) {
      return false;
    }
    String outcome = extend(namespace, data);
    if (outcome == null) {
      return false;
    }
    if (!outcome.isEmpty()) {
      throw new IllegalArgumentException(outcome);
    }
    return true;
  }

  /** Convenience for a single value: {@code extensions.<namespace>.<key> = value}. */
  public static boolean addExtension(String namespace, String key, Object value) {
    checkNamespace(namespace);
    return addExtension(namespace, Collections.singletonMap(key, value));
  }

  static void checkNamespace(String namespace) {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("extension namespace '" + namespace
          + "' is not dotted lower case (e.g. 'serving.vllm')");
    }
    int dot = namespace.indexOf('.');
    String head = dot < 0 ? namespace : namespace.substring(0, dot);
    for (String reserved : RESERVED) {
      if (reserved.equals(head)) {
        throw new IllegalArgumentException("extension namespace '" + namespace
            + "' starts with the reserved name '" + head + "'");
      }
    }
  }

  /** Replaced by the agent: the current envelope as plain maps, or {@code null}. */
  private static Map<String, Object> snapshot() {
    return null;
  }

  /**
   * Replaced by the agent: {@code null} when nothing was recorded, empty when it was, else why the
   * agent refused it.
   */
  private static String extend(String namespace, Object data) {
    return null;
  }
}
