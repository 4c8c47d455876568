package dev.envelope.it.targets.loaded;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.Envelopes;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Lives only in a class loader of its own ({@code LoaderLeakMain} copies its class files out of
 * the test class path): annotated admissions and grants that take every path the agent keeps
 * something for (plans, property readers, task contexts, async completion, nesting, extensions,
 * failures), so a reference the agent keeps to any of it would keep the loader alive.
 */
public final class LoadedService {
  private final Placer placer = new Placer();
  private final ExecutorService pool;

  private LoadedService(ExecutorService pool) {
    this.pool = pool;
  }

  /** What is asked. */
  public record Ask(String id, int gpus) {}

  /** What is granted. */
  public record Placement(String id, int gpus, String node) {}

  /** Grants. */
  public static final class Placer {
    @Grant(resolution = "node")
    Placement place(Ask ask) {
      return new Placement(ask.id(), ask.gpus() * 2, "loaded-node-" + ask.id());
    }

    @Grant(resolution = "node")
    Placement placeOrFail(Ask ask) {
      throw new IllegalStateException("no node for " + ask.id());
    }
  }

  /**
   * A grant fails, and a task made meanwhile is never run (abandoned, cancelled, timed out): the
   * envelope's context is attached to that task until the task is collected. Then the application
   * either carries on without the grant or fails the admission.
   */
  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "loaded", operation = "loaded_abandon")
  public Placement abandon(@Requested Ask ask) {
    try {
      return placer.placeOrFail(ask);
    } catch (IllegalStateException e) {
      new FutureTask<>(() -> placer.place(ask)); // never run
      if (ask.gpus() % 2 == 0) {
        throw new IllegalArgumentException("gave up on " + ask.id(), e);
      }
      return new Placement(ask.id(), 0, "none");
    }
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "loaded", operation = "loaded_op")
  public Placement admit(@Caller("requester_urn") String who, @Requested Ask ask,
      @Scope("workspace_id") String workspace) throws Exception {
    Envelopes.addExtension("loaded.probe", "id", ask.id());
    switch (ask.gpus() % 5) {
      case 0:
        throw new IllegalStateException("refused " + ask.id());
      case 1:
        return pool.submit(() -> placer.place(ask)).get();
      case 2:
        return CompletableFuture.supplyAsync(() -> placer.place(ask)).get();
      case 3:
        nested(new Ask(ask.id() + ".n", 1));
        return placer.place(ask);
      default:
        return placer.place(ask);
    }
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "loaded", operation = "loaded_nested")
  public Placement nested(@Requested Ask ask) {
    return placer.place(ask);
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "loaded", operation = "loaded_async")
  public CompletableFuture<Placement> admitAsync(@Requested Ask ask) {
    return CompletableFuture.supplyAsync(() -> placer.place(ask), pool);
  }

  /**
   * Runs {@code n} admissions of each kind; returns how many envelopes were visible from inside
   * (with the agent: all of them). Called by reflection from outside the loader.
   */
  public static int run(int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int visible = 0;
    try {
      LoadedService service = new LoadedService(pool);
      for (int i = 0; i < n; i++) {
        Ask ask = new Ask("a" + i, i);
        try {
          service.admit("urn:user:loader", ask, "ws-loader");
        } catch (IllegalStateException expected) {
          // the refused ones
        }
        service.admitAsync(ask).get(10, TimeUnit.SECONDS);
        try {
          service.abandon(ask);
        } catch (IllegalArgumentException expected) {
          // the even ones
        }
        if (service.seesItsOwnEnvelope(ask)) {
          visible++;
        }
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    return visible;
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "loaded", operation = "loaded_probe")
  boolean seesItsOwnEnvelope(@Requested Ask ask) {
    return ask.id().equals(Envelopes.current().requested().get("id"));
  }
}
