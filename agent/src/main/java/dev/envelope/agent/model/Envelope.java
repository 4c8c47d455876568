package dev.envelope.agent.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable snapshot of an execution envelope. Each phase transition returns a new snapshot
 * that shares the frozen {@link Admission}; the transitions themselves enforce the invariants:
 *
 * <ol>
 *   <li>the admission families cannot change (there is no way to reach them but read-only views);
 *   <li>{@code granted} and {@code resolution} only gain or refine keys;
 *   <li>the envelope id and trace never change between snapshots;
 *   <li>extensions only under a valid namespace ({@link ExtensionNamespace});
 *   <li>a terminal snapshot accepts no further transition, so there is exactly one terminal phase.
 * </ol>
 */
public final class Envelope {
  public static final String SCHEMA_VERSION = "1";

  private final Admission admission;
  private final Phase phase;
  private final Fields granted;
  private final Fields resolution;
  private final Failure failure;
  private final Map<String, Fields> extensions;
  private final List<String> redacted;
  private final Instant resolvedAt;
  private final Instant endedAt;
  private final String traceId;
  private final String spanId;

  private Envelope(Admission admission, Phase phase, Fields granted, Fields resolution,
      Failure failure, Map<String, Fields> extensions, List<String> redacted, Instant resolvedAt,
      Instant endedAt, String traceId, String spanId) {
    this.admission = admission;
    this.phase = phase;
    this.granted = granted;
    this.resolution = resolution;
    this.failure = failure;
    this.extensions = extensions;
    this.redacted = redacted;
    this.resolvedAt = resolvedAt;
    this.endedAt = endedAt;
    this.traceId = traceId;
    this.spanId = spanId;
  }

  /** The first snapshot, phase {@code admission}. Trace and span ids may be {@code null}. */
  public static Envelope admit(Admission admission, String traceId, String spanId) {
    Objects.requireNonNull(admission, "admission");
    return new Envelope(admission, Phase.ADMISSION, Fields.EMPTY, Fields.EMPTY, null,
        admission.extensions(), admission.redacted(), null, null, traceId, spanId);
  }

  /**
   * A grant: {@code grantedPart} and {@code resolutionPart} are laid over what was granted before
   * (keys gained or refined, never removed). Phase becomes {@code resolved}.
   */
  public Envelope resolve(Fields grantedPart, Fields resolutionPart, List<String> newlyRedacted,
      Instant at) {
    requireOpen(Phase.RESOLVED);
    return new Envelope(admission, Phase.RESOLVED, granted.refinedBy(grantedPart),
        resolution.refinedBy(resolutionPart), null, extensions, union(redacted, newlyRedacted),
        Objects.requireNonNull(at, "at"), null, traceId, spanId);
  }

  /** Normal completion; {@code resolutionPart} comes from the admission's result. */
  public Envelope finalizeWith(Fields resolutionPart, List<String> newlyRedacted, Instant at) {
    requireOpen(Phase.FINALIZED);
    return new Envelope(admission, Phase.FINALIZED, granted, resolution.refinedBy(resolutionPart),
        null, extensions, union(redacted, newlyRedacted), resolvedAt,
        Objects.requireNonNull(at, "at"), traceId, spanId);
  }

  /**
   * Failure. A failure never invents grants: it adds nothing to {@code granted} or
   * {@code resolution}, and a failure at stage {@code admission} is only possible while nothing
   * has been granted.
   */
  public Envelope fail(Failure why, Instant at) {
    requireOpen(Phase.FAILED);
    Objects.requireNonNull(why, "failure");
    if (why.stage() == FailureStage.ADMISSION && (!granted.isEmpty() || !resolution.isEmpty())) {
      throw new IllegalStateException("envelope " + id()
          + ": a failure at stage admission cannot follow a grant");
    }
    if (why.stage() == FailureStage.FINALIZATION && phase != Phase.RESOLVED) {
      throw new IllegalStateException("envelope " + id()
          + ": a failure at stage finalization needs a grant first");
    }
    return new Envelope(admission, Phase.FAILED, granted, resolution, why, extensions, redacted,
        resolvedAt, Objects.requireNonNull(at, "at"), traceId, spanId);
  }

  /** Adds namespaced extension data (invariant 4); the rest of the envelope is untouched. */
  public Envelope withExtension(String namespace, Fields data) {
    return withExtension(namespace, data, java.util.Collections.emptyList());
  }

  /** As {@link #withExtension(String, Fields)}, with the keys redacted in {@code data}. */
  public Envelope withExtension(String namespace, Fields data, List<String> newlyRedacted) {
    ExtensionNamespace.check(namespace);
    if (phase.isTerminal()) {
      throw new IllegalStateException("envelope " + id() + " is already " + phase.wireName());
    }
    Map<String, Fields> copy = new LinkedHashMap<>(extensions);
    Fields previous = copy.get(namespace);
    copy.put(namespace, previous == null ? data : previous.refinedBy(data));
    return new Envelope(admission, phase, granted, resolution, failure,
        Collections.unmodifiableMap(copy), union(redacted, newlyRedacted), resolvedAt, endedAt,
        traceId, spanId);
  }

  private void requireOpen(Phase next) {
    if (phase.isTerminal()) {
      throw new IllegalStateException("envelope " + id() + " is already " + phase.wireName()
          + "; it cannot become " + next.wireName());
    }
  }

  private static List<String> union(List<String> a, List<String> b) {
    if (b == null || b.isEmpty()) {
      return a;
    }
    List<String> all = new ArrayList<>(a);
    for (String key : b) {
      if (!all.contains(key)) {
        all.add(key);
      }
    }
    return Collections.unmodifiableList(all);
  }

  public String id() {
    return admission.envelopeId();
  }

  public Admission admission() {
    return admission;
  }

  public Phase phase() {
    return phase;
  }

  /** Any family by name; admission families come from the frozen {@link Admission}. */
  public Fields family(Family family) {
    switch (family) {
      case GRANTED:
        return granted;
      case RESOLUTION:
        return resolution;
      default:
        return admission.family(family);
    }
  }

  public Fields granted() {
    return granted;
  }

  public Fields resolution() {
    return resolution;
  }

  /** Present only in phase {@code failed}. */
  public Failure failure() {
    return failure;
  }

  public Map<String, Fields> extensions() {
    return extensions;
  }

  public List<String> redacted() {
    return redacted;
  }

  public Instant admittedAt() {
    return admission.admittedAt();
  }

  /** The latest grant, or {@code null}. */
  public Instant resolvedAt() {
    return resolvedAt;
  }

  /** When it finalized or failed, or {@code null}. */
  public Instant endedAt() {
    return endedAt;
  }

  public String traceId() {
    return traceId;
  }

  public String spanId() {
    return spanId;
  }
}
