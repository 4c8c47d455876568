package dev.envelope.agent.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The admission part of an envelope: identity, the five admission families and when it was
 * admitted. Frozen at construction (invariant 1): every later snapshot of the envelope shares this
 * very object, and nothing in it can be changed.
 */
public final class Admission {
  /** Recorded when nothing supplies the caller's identity. */
  public static final String ANONYMOUS = "urn:anonymous";
  public static final String REQUESTER_URN = "requester_urn";

  private final String envelopeId;
  private final String parentEnvelopeId;
  private final Fields caller;
  private final Fields execution;
  private final Fields scope;
  private final Fields governance;
  private final Fields requested;
  private final Map<String, Fields> extensions;
  private final List<String> redacted;
  private final Instant admittedAt;

  private Admission(Builder b) {
    this(b.envelopeId, b.parentEnvelopeId, b.caller, b.execution, b.scope, b.governance,
        b.requested, b.extensions, b.redacted, b.admittedAt);
  }

  private Admission(String envelopeId, String parentEnvelopeId, Fields caller, Fields execution,
      Fields scope, Fields governance, Fields requested, Map<String, Fields> extensions,
      List<String> redacted, Instant admittedAt) {
    this.envelopeId = Objects.requireNonNull(envelopeId, "envelopeId");
    this.parentEnvelopeId = parentEnvelopeId;
    this.caller = withRequester(orEmpty(caller));
    this.execution = checkedExecution(orEmpty(execution));
    this.scope = orEmpty(scope);
    this.governance = orEmpty(governance);
    this.requested = orEmpty(requested);
    this.extensions = extensions == null || extensions.isEmpty() ? Collections.emptyMap()
        : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    this.redacted = redacted == null || redacted.isEmpty() ? Collections.emptyList()
        : Collections.unmodifiableList(new ArrayList<>(redacted));
    this.admittedAt = Objects.requireNonNull(admittedAt, "admittedAt");
  }

  /**
   * An admission made in one step, as the agent makes one per call; a {@code null} family is
   * empty. Extension namespaces are checked by {@link ExtensionNamespace#check}.
   */
  public static Admission of(String envelopeId, String parentEnvelopeId, Fields caller,
      Fields execution, Fields scope, Fields governance, Fields requested,
      Map<String, Fields> extensions, List<String> redacted, Instant admittedAt) {
    for (String namespace : extensions.keySet()) {
      ExtensionNamespace.check(namespace);
    }
    return new Admission(envelopeId, parentEnvelopeId, caller, execution, scope, governance,
        requested, extensions, redacted, admittedAt);
  }

  private static Fields orEmpty(Fields fields) {
    return fields == null ? Fields.EMPTY : fields;
  }

  public static Builder builder() {
    return new Builder();
  }

  private static Fields withRequester(Fields caller) {
    Object urn = caller.get(REQUESTER_URN);
    if (urn instanceof String && !((String) urn).isEmpty()) {
      return caller;
    }
    Map<String, Object> withUrn = new LinkedHashMap<>();
    withUrn.put(REQUESTER_URN, ANONYMOUS);
    withUrn.putAll(caller.asMap());
    withUrn.put(REQUESTER_URN, ANONYMOUS);
    return Fields.of(withUrn);
  }

  private static final String[] REQUIRED_EXECUTION = {"kind", "service", "operation"};

  private static Fields checkedExecution(Fields execution) {
    for (String key : REQUIRED_EXECUTION) {
      if (!(execution.get(key) instanceof String)) {
        throw new IllegalArgumentException("execution." + key + " is required");
      }
    }
    return execution;
  }

  public String envelopeId() {
    return envelopeId;
  }

  /** The enclosing envelope's id, or {@code null}. */
  public String parentEnvelopeId() {
    return parentEnvelopeId;
  }

  public Fields caller() {
    return caller;
  }

  public Fields execution() {
    return execution;
  }

  public Fields scope() {
    return scope;
  }

  public Fields governance() {
    return governance;
  }

  public Fields requested() {
    return requested;
  }

  /** The family of this admission part, or {@code null} for granted/resolution. */
  public Fields family(Family family) {
    switch (family) {
      case CALLER:
        return caller;
      case EXECUTION:
        return execution;
      case SCOPE:
        return scope;
      case GOVERNANCE:
        return governance;
      case REQUESTED:
        return requested;
      default:
        return null;
    }
  }

  public Map<String, Fields> extensions() {
    return extensions;
  }

  public List<String> redacted() {
    return redacted;
  }

  public Instant admittedAt() {
    return admittedAt;
  }

  /** Collects an admission; {@link #build()} checks it and freezes it. */
  public static final class Builder {
    private String envelopeId;
    private String parentEnvelopeId;
    private Fields caller = Fields.EMPTY;
    private Fields execution = Fields.EMPTY;
    private Fields scope = Fields.EMPTY;
    private Fields governance = Fields.EMPTY;
    private Fields requested = Fields.EMPTY;
    /** Made when first needed: most admissions have neither. */
    private Map<String, Fields> extensions;
    private List<String> redacted;
    private Instant admittedAt;

    private Builder() {}

    public Builder envelopeId(String id) {
      this.envelopeId = Objects.requireNonNull(id, "envelopeId");
      return this;
    }

    public Builder parentEnvelopeId(String id) {
      this.parentEnvelopeId = id;
      return this;
    }

    public Builder family(Family family, Fields fields) {
      Objects.requireNonNull(fields, "fields");
      switch (family) {
        case CALLER:
          caller = fields;
          break;
        case EXECUTION:
          execution = fields;
          break;
        case SCOPE:
          scope = fields;
          break;
        case GOVERNANCE:
          governance = fields;
          break;
        case REQUESTED:
          requested = fields;
          break;
        default:
          throw new IllegalArgumentException(family.wireName() + " is not an admission family");
      }
      return this;
    }

    /** Adds extension data; the namespace must pass {@link ExtensionNamespace#check}. */
    public Builder extension(String namespace, Fields fields) {
      ExtensionNamespace.check(namespace);
      if (extensions == null) {
        extensions = new LinkedHashMap<>();
      }
      Fields previous = extensions.get(namespace);
      extensions.put(namespace, previous == null ? fields : previous.refinedBy(fields));
      return this;
    }

    public Builder redacted(List<String> keys) {
      if (!keys.isEmpty()) {
        if (redacted == null) {
          redacted = new ArrayList<>(keys.size());
        }
        redacted.addAll(keys);
      }
      return this;
    }

    public Builder admittedAt(Instant at) {
      this.admittedAt = at;
      return this;
    }

    public Admission build() {
      return new Admission(this);
    }
  }
}
