package dev.envelope.it.lifecycle;

import dev.envelope.it.lifecycle.Model.Allocation;
import dev.envelope.it.lifecycle.Model.Ask;
import dev.envelope.it.lifecycle.Model.Ctx;
import dev.envelope.it.lifecycle.Model.Deployment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every path of the envelope lifecycle, as admission methods without annotations (the
 * configuration-only run names them); {@link AnnotatedLifecycle} marks the same methods. Each
 * method is its own operation.
 */
public class Lifecycle {
  protected final Placer placer;
  private final ExecutorService pool;
  private final ScheduledExecutorService scheduler;
  private final ForkJoinPool forkJoin;

  public Lifecycle(Placer placer, ExecutorService pool, ScheduledExecutorService scheduler,
      ForkJoinPool forkJoin) {
    this.placer = placer;
    this.pool = pool;
    this.scheduler = scheduler;
    this.forkJoin = forkJoin;
  }

  /** Two grants, the second refining the first. */
  public Deployment multiGrant(Ctx ctx, Ask ask) {
    placer.reserve(ask);
    Allocation a = placer.bind(ask);
    return new Deployment("dep-multi", a.node(), a.gpuCount(), "/serving/dep-multi");
  }

  /** A void grant recording its arguments. */
  public String voidGrant(Ctx ctx, Ask ask) {
    placer.limit(ask.gpuCount() * 100, "route-" + ask.location());
    return "limited";
  }

  /** The grant step throws. */
  public Deployment grantThrows(Ctx ctx, Ask ask) {
    Allocation a = placer.refuse(ask);
    return new Deployment("never", a.node(), 0, "");
  }

  /** A grant succeeds, then the admission fails. */
  public Deployment failsAfterGrant(Ctx ctx, Ask ask) {
    placer.reserve(ask);
    throw new IllegalStateException("registry unavailable after placement");
  }

  /** An admission inside another. */
  public Deployment outer(Ctx ctx, Ask ask) {
    Deployment inner = inner(ctx, new Ask(ask.model() + "-draft", 1, ask.location()));
    Allocation a = placer.bind(ask);
    return new Deployment("dep-outer", a.node(), a.gpuCount(), inner.deploymentId());
  }

  public Deployment inner(Ctx ctx, Ask ask) {
    Allocation a = placer.reserve(ask);
    return new Deployment("dep-inner", a.node(), a.gpuCount(), "/inner");
  }

  /** The result selection picks and renames properties of the returned value. */
  public Deployment resultSelection(Ctx ctx, Ask ask) {
    return new Deployment("dep-result", "gpu-node-9", 1, "/serving/dep-result");
  }

  /** The grant runs on an executor's thread, submitted as a Callable. */
  public Allocation executorSubmit(Ctx ctx, Ask ask) throws Exception {
    return pool.submit(() -> placer.reserve(ask)).get(10, TimeUnit.SECONDS);
  }

  /** The grant runs on an executor's thread, handed over as a plain Runnable. */
  public String executorExecute(Ctx ctx, Ask ask) throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    pool.execute(() -> {
      placer.reserve(ask);
      done.countDown();
    });
    return done.await(10, TimeUnit.SECONDS) ? "executed" : "timed out";
  }

  /** The grant runs later, on a scheduler's thread. */
  public Allocation scheduled(Ctx ctx, Ask ask) throws Exception {
    return scheduler.schedule(() -> placer.reserve(ask), 20, TimeUnit.MILLISECONDS)
        .get(10, TimeUnit.SECONDS);
  }

  /** The grants run in CompletableFuture async stages. */
  public Allocation completableAsync(Ctx ctx, Ask ask) {
    return CompletableFuture.supplyAsync(() -> placer.reserve(ask))
        .thenApplyAsync(first -> placer.bind(ask))
        .join();
  }

  /** The grants run in fork/join tasks, one forked from another. */
  public List<Allocation> forkJoin(Ctx ctx, Ask ask) {
    return forkJoin.invoke(new PlaceBoth(placer, ask));
  }

  /** An admission whose stage completes later, with its grant made on the completing thread. */
  public CompletableFuture<Allocation> asyncAdmission(Ctx ctx, Ask ask) {
    return CompletableFuture.supplyAsync(() -> placer.bind(ask), pool);
  }

  /** Two grant steps, the second forked as a subtask. */
  static final class PlaceBoth extends RecursiveTask<List<Allocation>> {
    private final Placer placer;
    private final Ask ask;

    PlaceBoth(Placer placer, Ask ask) {
      this.placer = placer;
      this.ask = ask;
    }

    @Override
    protected List<Allocation> compute() {
      RecursiveTask<Allocation> second = new RecursiveTask<>() {
        @Override
        protected Allocation compute() {
          return placer.bind(ask);
        }
      };
      second.fork();
      Allocation first = placer.reserve(ask);
      return List.of(first, second.join());
    }
  }
}
