package dev.envelope.agent.lifecycle;

import dev.envelope.agent.capture.AdmissionPlan;
import dev.envelope.agent.capture.SecretValues;
import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.FailureStage;
import dev.envelope.agent.model.Fields;
import dev.envelope.agent.model.Phase;
import dev.envelope.agent.record.AwaitedTransition;
import dev.envelope.agent.record.EnvelopeSpan;
import dev.envelope.agent.record.Receipt;
import dev.envelope.agent.record.Transition;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One envelope in flight: the latest immutable snapshot, its span and its event sequence. Grants
 * may arrive from other threads, so transitions are serialised here; each one is recorded before
 * the next begins, so the event order is the {@code seq} order.
 */
public final class ActiveEnvelope {
  private final EnvelopeSpan span;
  private final EnvelopeServices services;
  /** How the admission method's result is captured at the end. */
  final AdmissionPlan plan;
  /**
   * Where the admission made the envelope current, closed when its method returns. Only the
   * admitting thread touches them: the envelope itself is the token the advice carries.
   */
  Scope scope;
  /** The envelope made current in another agent's context too, or {@code null}. */
  AutoCloseable elsewhere;
  private Envelope current;
  private int seq;
  /**
   * What a {@code @Grant} threw, to tell the failure's stage; let go once the envelope ends. An
   * ended envelope can outlive its request (a context attached to a task that never runs keeps it
   * until the task is collected), and an exception's stack holds the application's classes, so
   * their class loader too.
   */
  private Throwable grantError;
  /** Dropped when the envelope ends: only its own failure message is scrubbed with them. */
  private SecretValues secrets;

  ActiveEnvelope(Envelope admitted, EnvelopeSpan span, EnvelopeServices services,
      AdmissionPlan plan, SecretValues secrets) {
    this.plan = plan;
    this.secrets = secrets;
    this.current = admitted;
    this.span = span;
    this.services = services;
  }

  public String id() {
    return current.id();
  }

  public synchronized Envelope snapshot() {
    return current;
  }

  EnvelopeSpan span() {
    return span;
  }

  /**
   * Where a grant adds the secrets it was handed, made on first need; {@code null} once the
   * envelope has ended.
   */
  synchronized SecretValues secretsToKeep() {
    if (current.phase().isTerminal()) {
      return null;
    }
    if (secrets == null) {
      secrets = new SecretValues();
    }
    return secrets;
  }

  /** @param receipt settled when the admitted line is in the events file, or {@code null} */
  synchronized void admitted(Instant at, Receipt receipt) {
    seq++;
    services.recorder.record(receipt == null
        ? new Transition(current, seq, at, Fields.EMPTY, Fields.EMPTY, null, span)
        : new AwaitedTransition(current, seq, at, span, receipt));
  }

  synchronized void resolve(Fields granted, Fields resolution, List<String> redacted, Instant at) {
    if (current.phase().isTerminal()) {
      Diagnostics.debug("grant after envelope " + id() + " ended; not recorded");
      return;
    }
    if (!fits(current.granted(), granted) || !fits(current.resolution(), resolution)) {
      List<String> dropped = new ArrayList<>(2);
      granted = KeyLimit.within(current.granted(), granted, services.maxKeys, "granted.",
          dropped, services.stats);
      resolution = KeyLimit.within(current.resolution(), resolution, services.maxKeys,
          "resolution.", dropped, services.stats);
      redacted = KeyLimit.without(redacted, dropped);
    }
    emit(current.resolve(granted, resolution, redacted, at), at, granted, resolution, null);
  }

  /** Returns false once the envelope has ended: its record is closed. */
  synchronized boolean addExtension(String namespace, Fields data, List<String> redacted) {
    if (current.phase().isTerminal()) {
      return false;
    }
    Fields have = current.extensions().get(namespace);
    if (have == null && current.extensions().size() >= services.maxKeys) {
      services.stats.countKeysDropped(data.size());
      return false;
    }
    if (!fits(have == null ? Fields.EMPTY : have, data)) {
      List<String> dropped = new ArrayList<>(2);
      data = KeyLimit.within(have == null ? Fields.EMPTY : have, data, services.maxKeys,
          "extensions." + namespace + ".", dropped, services.stats);
      redacted = KeyLimit.without(redacted, dropped);
    }
    current = current.withExtension(namespace, data, redacted);
    services.recorder.extensionAdded(current, namespace, data, span);
    return true;
  }

  /** The common case, decided without building anything: the keys fit whatever they are. */
  private boolean fits(Fields have, Fields adding) {
    return have.size() + adding.size() <= services.maxKeys;
  }

  synchronized void grantFailed(Throwable error) {
    if (!current.phase().isTerminal()) {
      grantError = error;
    }
  }

  synchronized void finish(Fields resolution, List<String> redacted, Instant at) {
    if (current.phase().isTerminal()) {
      return;
    }
    if (!fits(current.resolution(), resolution)) {
      List<String> dropped = new ArrayList<>(2);
      resolution = KeyLimit.within(current.resolution(), resolution, services.maxKeys,
          "resolution.", dropped, services.stats);
      redacted = KeyLimit.without(redacted, dropped);
    }
    emit(current.finalizeWith(resolution, redacted, at), at, Fields.EMPTY, resolution, null);
  }

  synchronized void fail(Throwable error, Instant at) {
    if (current.phase().isTerminal()) {
      return;
    }
    FailureStage stage;
    if (grantError != null && causedBy(error, grantError)) {
      stage = FailureStage.RESOLUTION;
    } else if (current.phase() == Phase.RESOLVED) {
      stage = FailureStage.FINALIZATION;
    } else if (grantError != null) {
      stage = FailureStage.RESOLUTION;
    } else {
      stage = FailureStage.ADMISSION;
    }
    emit(current.fail(services.failures.describe(stage, error, secrets), at), at, Fields.EMPTY,
        Fields.EMPTY, error);
  }

  /** Whether {@code error} came from {@code origin}; when a {@code getCause()} throws, it did not. */
  private static boolean causedBy(Throwable error, Throwable origin) {
    try {
      return FailureDescriber.causedBy(error, origin);
    } catch (Throwable t) {
      return false;
    }
  }

  private void emit(Envelope next, Instant at, Fields granted, Fields resolution, Throwable error) {
    current = next;
    if (next.phase().isTerminal()) {
      grantError = null;
    }
    seq++;
    if (next.phase().isTerminal()) {
      secrets = null;
    }
    services.recorder.record(new Transition(next, seq, at, granted, resolution, error, span));
  }
}
