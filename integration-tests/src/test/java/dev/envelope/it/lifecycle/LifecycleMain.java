package dev.envelope.it.lifecycle;

import dev.envelope.it.lifecycle.Model.Ask;
import dev.envelope.it.lifecycle.Model.Ctx;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every lifecycle scenario once and prints what each returned or threw. Argument
 * {@code annotated} uses the annotated classes; {@code plain} the bare ones, for a run whose
 * admissions and grants come from {@code envelope.instrument} alone.
 */
public final class LifecycleMain {
  private LifecycleMain() {}

  public static void main(String[] args) throws Exception {
    boolean annotated = args.length == 0 || args[0].equals("annotated");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    ForkJoinPool forkJoin = new ForkJoinPool(2);
    Placer placer = annotated ? new AnnotatedPlacer() : new Placer();
    Lifecycle life = annotated
        ? new AnnotatedLifecycle(placer, pool, scheduler, forkJoin)
        : new Lifecycle(placer, pool, scheduler, forkJoin);
    Ctx alice = new Ctx("urn:user:alice", "acme", "req-1");
    Ask ask = new Ask("llama", 4, "west");

    run("multi_grant", () -> life.multiGrant(alice, ask));
    run("void_grant", () -> life.voidGrant(alice, ask));
    run("grant_throws", () -> life.grantThrows(alice, ask));
    run("fails_after_grant", () -> life.failsAfterGrant(alice, ask));
    run("outer", () -> life.outer(alice, ask));
    run("result_selection", () -> life.resultSelection(alice, ask));
    run("executor_submit", () -> life.executorSubmit(alice, ask));
    run("executor_execute", () -> life.executorExecute(alice, ask));
    run("scheduled", () -> life.scheduled(alice, ask));
    run("completable_async", () -> life.completableAsync(alice, ask));
    run("fork_join", () -> life.forkJoin(alice, ask));
    run("async_admission", () -> life.asyncAdmission(alice, ask).get(10, TimeUnit.SECONDS));
    // Grants with no envelope: on this thread, and on pool threads that earlier ran envelope work
    // (their context must not have stayed behind).
    for (int i = 0; i < 3; i++) {
      run("orphan_grant", () -> placer.reserve(ask));
    }
    run("orphan_grant_on_pool", () -> pool.submit(() -> placer.reserve(ask)).get());
    run("orphan_grant_on_fork_join", () -> forkJoin.submit(() -> placer.bind(ask)).get());

    pool.shutdown();
    scheduler.shutdown();
    forkJoin.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static void run(String name, Callable<?> scenario) {
    try {
      System.out.println(name + " -> " + scenario.call());
    } catch (Exception e) {
      System.out.println(name + " -> threw " + e);
    }
  }
}
