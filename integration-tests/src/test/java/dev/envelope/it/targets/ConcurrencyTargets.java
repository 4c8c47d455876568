package dev.envelope.it.targets;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.CurrentEnvelope;
import dev.envelope.annotations.Envelopes;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admissions whose every field is derived from (thread, iteration), so a test can tell from any
 * event alone whether it belongs to the ask it claims: one envelope taking another's caller, scope,
 * grant or extension shows as a mismatch. What happens to an ask follows its iteration number
 * ({@link #outcome}), so the counts per outcome are known in advance.
 */
public final class ConcurrencyTargets {
  public static final String SERVICE = "conc";
  public static final String OPERATION = "conc_admit";
  public static final String NESTED_OPERATION = "conc_nested";
  public static final String ASYNC_OPERATION = "conc_admit_async";
  public static final String EXTENSION = "conc.probe";

  private ConcurrencyTargets() {}

  /** What one admission does. */
  public enum Outcome {
    /** Grants, then finalizes. */
    PLAIN,
    /** Throws before any grant: failed at admission. */
    REFUSED,
    /** The {@code @Grant} method throws: failed at resolution, nothing granted. */
    GRANT_FAILS,
    /** Grants, then throws: failed at finalization. */
    FAILS_AFTER_GRANT,
    /** The grant runs on a shared executor's worker: the context must follow the task there. */
    GRANT_ON_POOL,
    /** Runs a nested admission first, then grants: the grant must land in the outer envelope. */
    NESTED,
    /**
     * Admitted by a method returning a {@code CompletableFuture}: the grant runs as an async step
     * on the shared executor, and the envelope ends when the future completes, on that thread.
     */
    ASYNC
  }

  public static Outcome outcome(int iteration) {
    switch (iteration % 10) {
      case 0:
        return Outcome.ASYNC;
      case 1:
        return Outcome.GRANT_FAILS;
      case 3:
        return Outcome.REFUSED;
      case 5:
        return Outcome.GRANT_ON_POOL;
      case 7:
        return Outcome.FAILS_AFTER_GRANT;
      case 9:
        return Outcome.NESTED;
      default:
        return Outcome.PLAIN;
    }
  }

  public static String askId(int thread, int iteration) {
    return "t" + thread + "-i" + iteration;
  }

  /** The nested admission's ask id, from its outer one. */
  public static String nestedId(String askId) {
    return askId + ".n";
  }

  public static String workspace(int thread, int iteration) {
    return "ws-" + thread + "-" + iteration % 5;
  }

  public static String node(String askId) {
    return "node-" + askId;
  }

  public static int grantedGpus(int asked) {
    return asked * 2 + 1;
  }

  public static String refusal(String askId) {
    return "refused " + askId;
  }

  public static String noNode(String askId) {
    return "no node for " + askId;
  }

  public static String noCapacity(String askId) {
    return "no capacity after grant " + askId;
  }

  /** Who asks: feeds {@code caller}. */
  public record Who(String requesterUrn, String tenantId, String requestId) {
    public static Who of(int thread, int iteration) {
      return new Who("urn:user:u" + thread, "tenant-" + thread % 4,
          "req-" + askId(thread, iteration));
    }
  }

  /** What is asked: feeds {@code requested}. */
  public record Ask(String askId, int thread, int iteration, String model, int gpuCount) {
    public static Ask of(int thread, int iteration) {
      return new Ask(ConcurrencyTargets.askId(thread, iteration), thread, iteration,
          "model-" + (thread * 7 + iteration) % 13, 1 + (thread + iteration) % 8);
    }

    public Ask nested() {
      return new Ask(nestedId(askId), thread, iteration, model + "-small", 1);
    }
  }

  /** What is granted: {@code ask_id} and {@code gpu_count} go to granted, {@code node} to resolution. */
  public record Placement(String askId, int gpuCount, String node) {}

  /** Grants. */
  public static final class Placer {
    @Grant(resolution = "node")
    public Placement place(Ask ask) {
      return new Placement(ask.askId(), grantedGpus(ask.gpuCount()), node(ask.askId()));
    }

    @Grant(resolution = "node")
    public Placement placeOrFail(Ask ask) {
      throw new IllegalStateException(noNode(ask.askId()));
    }
  }

  /** Admits. */
  public static final class Service {
    private final Placer placer = new Placer();
    private final ExecutorService pool;
    /** Whether every envelope seen from inside was the caller's own (with the agent). */
    private volatile String firstMismatch;
    /** Set once code inside an admission has seen an envelope: the agent is attached. */
    private volatile boolean agentSeen;
    private final AtomicLong seenInside = new AtomicLong();

    /** @param pool where {@link Outcome#GRANT_ON_POOL} grants run */
    public Service(ExecutorService pool) {
      this.pool = pool;
    }

    @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = SERVICE, operation = OPERATION,
        result = "node")
    public Placement admit(@Caller Who who, @Requested Ask ask,
        @Scope("workspace_id") String workspace) throws Exception {
      expectCurrent(ask, "admission");
      Envelopes.addExtension(EXTENSION, "ask_id", ask.askId());
      switch (outcome(ask.iteration())) {
        case REFUSED:
          throw new IllegalStateException(refusal(ask.askId()));
        case GRANT_FAILS:
          return placer.placeOrFail(ask);
        case FAILS_AFTER_GRANT:
          placer.place(ask);
          throw new IllegalArgumentException(noCapacity(ask.askId()));
        case GRANT_ON_POOL:
          try {
            return pool.submit(() -> {
              expectCurrent(ask, "pool task");
              return placer.place(ask);
            }).get();
          } catch (ExecutionException e) {
            throw (Exception) e.getCause();
          }
        case NESTED:
          Placement inner = nested(who, ask.nested(), workspace);
          if (!inner.askId().equals(nestedId(ask.askId()))) {
            mismatch("nested returned " + inner + " for " + ask.askId());
          }
          expectCurrent(ask, "after the nested admission");
          return placer.place(ask);
        default:
          return placer.place(ask);
      }
    }

    @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = SERVICE,
        operation = ASYNC_OPERATION, result = "node")
    public CompletableFuture<Placement> admitLater(@Caller Who who, @Requested Ask ask,
        @Scope("workspace_id") String workspace) {
      expectCurrent(ask, "async admission");
      Envelopes.addExtension(EXTENSION, "ask_id", ask.askId());
      return CompletableFuture.supplyAsync(() -> {
        expectCurrent(ask, "async step");
        return placer.place(ask);
      }, pool);
    }

    @ExecutionAdmission(kind = ExecutionKind.PIPELINE_STEP, service = SERVICE,
        operation = NESTED_OPERATION, result = "node")
    public Placement nested(@Caller Who who, @Requested Ask ask,
        @Scope("workspace_id") String workspace) {
      expectCurrent(ask, "nested admission");
      Envelopes.addExtension(EXTENSION, "ask_id", ask.askId());
      return placer.place(ask);
    }

    private void expectCurrent(Ask ask, String where) {
      CurrentEnvelope current = Envelopes.current();
      if (!current.isPresent()) {
        if (agentSeen) {
          mismatch(where + " of " + ask.askId() + " on " + Thread.currentThread().getName()
              + " sees no envelope");
        }
        return; // no agent
      }
      agentSeen = true;
      seenInside.incrementAndGet();
      Object seen = current.requested().get("ask_id");
      if (!ask.askId().equals(seen)) {
        mismatch(where + " of " + ask.askId() + " sees the envelope of " + seen);
      }
    }

    private void mismatch(String what) {
      if (firstMismatch == null) {
        firstMismatch = what;
      }
    }

    /**
     * How often code inside an admission found an envelope current: with the agent, 14 times per
     * 10 admissions (each admission, each pool task and async step, each nested one and its outer
     * after it).
     */
    public long seenInside() {
      return seenInside.get();
    }

    /** The first envelope seen from inside that was not the caller's own, or {@code null}. */
    public String firstMismatch() {
      return firstMismatch;
    }
  }
}
