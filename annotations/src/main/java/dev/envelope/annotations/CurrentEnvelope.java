package dev.envelope.annotations;

import java.util.Collections;
import java.util.Map;

/**
 * A read-only view of the envelope current on this thread, as {@link Envelopes#current()} found
 * it. Without the agent, or outside any admission, it is empty: {@link #isPresent()} is false, ids
 * are {@code null} and every family is an empty map. The view is a snapshot: later grants do not
 * change it.
 */
public final class CurrentEnvelope {
  static final CurrentEnvelope NONE = new CurrentEnvelope(Collections.<String, Object>emptyMap());

  private final Map<String, Object> snapshot;

  CurrentEnvelope(Map<String, Object> snapshot) {
    this.snapshot = snapshot;
  }

  /** Whether an envelope was current. */
  public boolean isPresent() {
    return snapshot.containsKey("envelope_id");
  }

  /** The envelope id (a UUID version 7), or {@code null}. */
  public String id() {
    return string("envelope_id");
  }

  /** The enclosing envelope's id, or {@code null}. */
  public String parentId() {
    return string("parent_envelope_id");
  }

  /** {@code admission}, {@code resolved}, {@code finalized} or {@code failed}; {@code null} if none. */
  public String phase() {
    return string("phase");
  }

  /** The trace the envelope belongs to, or {@code null}. */
  public String traceId() {
    return string("trace_id");
  }

  public Map<String, Object> caller() {
    return family("caller");
  }

  public Map<String, Object> execution() {
    return family("execution");
  }

  public Map<String, Object> scope() {
    return family("scope");
  }

  public Map<String, Object> governance() {
    return family("governance");
  }

  /** What the caller asked for. */
  public Map<String, Object> requested() {
    return family("requested");
  }

  /** What the backend granted so far. */
  public Map<String, Object> granted() {
    return family("granted");
  }

  public Map<String, Object> resolution() {
    return family("resolution");
  }

  /** Extension data by namespace. */
  @SuppressWarnings("unchecked")
  public Map<String, Map<String, Object>> extensions() {
    Object value = snapshot.get("extensions");
    return value instanceof Map
        ? (Map<String, Map<String, Object>>) value
        : Collections.<String, Map<String, Object>>emptyMap();
  }

  private String string(String key) {
    Object value = snapshot.get(key);
    return value instanceof String ? (String) value : null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> family(String name) {
    Object value = snapshot.get(name);
    return value instanceof Map ? (Map<String, Object>) value : Collections.<String, Object>emptyMap();
  }

  @Override
  public String toString() {
    return isPresent() ? "CurrentEnvelope[" + id() + ", " + phase() + "]" : "CurrentEnvelope[none]";
  }
}
