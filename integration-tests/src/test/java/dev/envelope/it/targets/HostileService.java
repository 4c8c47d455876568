package dev.envelope.it.targets;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.Envelopes;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Extension;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Granted;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import java.util.concurrent.CompletableFuture;

/**
 * Admissions and grants that take whatever they are given in every annotated position and hand
 * it back, so the agent meets the same value as argument, grant and result.
 */
public final class HostileService {
  /** The grant's return value, for the caller to compare by identity. */
  Object lastGrant;

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "hostile", operation = "every_position")
  public Object admit(@Scope("case") String id, @Caller Object caller, @Requested Object requested,
      @Scope("s") Object scope, @Governance("g") Object governance,
      @Extension("hostile.ext") Object extension) {
    lastGrant = place(requested);
    record(requested, requested);
    Envelopes.addExtension("hostile.api", requested); // its outcome differs without the agent
    return requested;
  }

  @Grant(resolution = {"place", "name"})
  Object place(Object what) {
    return what;
  }

  @Grant
  void record(@Granted("g") Object prefixed, @Granted Object bare) {}

  /** Adds {@code count} extension namespaces to its own envelope. */
  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "hostile", operation = "namespaces")
  public int extendMany(@Scope("case") String id, int count) {
    for (int i = 0; i < count; i++) {
      Envelopes.addExtension("hostile.n" + i, Hostile.NASTY);
    }
    return count;
  }

  /**
   * Grants {@code count} times, each grant a key never granted before (small values: each grant is
   * one event line, a full snapshot).
   */
  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "hostile", operation = "many_grants")
  public int grantMany(@Scope("case") String id, int count) {
    for (int i = 0; i < count; i++) {
      place(java.util.Map.of("key" + i, i));
    }
    return count;
  }

  /** Fails with whatever it is given, after a grant. */
  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "hostile", operation = "throws")
  public Object fail(@Scope("case") String id, @Requested Object requested, RuntimeException e) {
    place(requested);
    throw e;
  }

  /** Fails before anything is granted. */
  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "hostile", operation = "throws_early")
  public Object failEarly(@Scope("case") String id, Throwable e) {
    throw Hostile.<RuntimeException>sneaky(e);
  }

  /** A grant step fails with {@code inGrant}; the admission then fails with {@code after}. */
  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "hostile", operation = "grant_throws")
  public Object failInGrant(@Scope("case") String id, RuntimeException inGrant,
      RuntimeException after) {
    try {
      refuse(inGrant);
    } catch (RuntimeException e) {
      if (e != inGrant) {
        throw new AssertionError("a different exception left the grant");
      }
    }
    throw after;
  }

  @Grant
  Object refuse(RuntimeException e) {
    throw e;
  }

  /** Returns a stage that is already done: it ends the envelope before the method returns. */
  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "hostile", operation = "async")
  public CompletableFuture<Object> async(@Scope("case") String id, @Requested Object requested,
      Throwable failure) {
    CompletableFuture<Object> f = new CompletableFuture<>();
    if (failure == null) {
      f.complete(requested);
    } else {
      f.completeExceptionally(failure);
    }
    return f;
  }
}
