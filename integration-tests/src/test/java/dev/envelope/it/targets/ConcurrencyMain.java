package dev.envelope.it.targets;

import dev.envelope.annotations.Envelopes;
import dev.envelope.it.targets.ConcurrencyTargets.Ask;
import dev.envelope.it.targets.ConcurrencyTargets.Outcome;
import dev.envelope.it.targets.ConcurrencyTargets.Placement;
import dev.envelope.it.targets.ConcurrencyTargets.Service;
import dev.envelope.it.targets.ConcurrencyTargets.Who;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code <threads> <admissions per thread>}: every thread starts at once and admits its own asks
 * through {@link ConcurrencyTargets.Service}. Prints one summary line: how many returned, how many
 * threw the exception their outcome calls for, anything that did not match its own ask.
 */
public final class ConcurrencyMain {
  private ConcurrencyMain() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int perThread = Integer.parseInt(args[1]);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Service service = new Service(pool);
    CyclicBarrier start = new CyclicBarrier(threads);
    AtomicLong returned = new AtomicLong();
    AtomicLong threw = new AtomicLong();
    AtomicLong leftCurrent = new AtomicLong();
    AtomicReference<String> wrong = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          wrong.compareAndSet(null, "start: " + e);
          return;
        }
        for (int i = 0; i < perThread; i++) {
          String problem = admitOne(service, thread, i, returned, threw);
          if (problem != null) {
            wrong.compareAndSet(null, problem);
          }
          if (Envelopes.current().isPresent()) {
            leftCurrent.incrementAndGet();
          }
        }
      }, "admitter-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    System.out.println("admissions=" + (long) threads * perThread + " returned=" + returned
        + " threw=" + threw + " left-current=" + leftCurrent + " seen-inside="
        + service.seenInside() + " millis=" + millis + " wrong=" + wrong.get()
        + " inside-mismatch=" + service.firstMismatch());
  }

  /** Admits ask (thread, iteration); returns what was wrong with the outcome, or {@code null}. */
  static String admitOne(Service service, int thread, int iteration, AtomicLong returned,
      AtomicLong threw) {
    Ask ask = Ask.of(thread, iteration);
    Outcome outcome = ConcurrencyTargets.outcome(iteration);
    try {
      Who who = Who.of(thread, iteration);
      String workspace = ConcurrencyTargets.workspace(thread, iteration);
      Placement p = outcome == Outcome.ASYNC ? service.admitLater(who, ask, workspace).get()
          : service.admit(who, ask, workspace);
      returned.incrementAndGet();
      boolean throwing = outcome == Outcome.REFUSED || outcome == Outcome.GRANT_FAILS
          || outcome == Outcome.FAILS_AFTER_GRANT;
      if (throwing || !p.askId().equals(ask.askId())) {
        return ask.askId() + " (" + outcome + ") returned " + p;
      }
    } catch (Exception e) {
      threw.incrementAndGet();
      String expected;
      switch (outcome) {
        case REFUSED:
          expected = ConcurrencyTargets.refusal(ask.askId());
          break;
        case GRANT_FAILS:
          expected = ConcurrencyTargets.noNode(ask.askId());
          break;
        case FAILS_AFTER_GRANT:
          expected = ConcurrencyTargets.noCapacity(ask.askId());
          break;
        default:
          expected = null;
      }
      if (!String.valueOf(e.getMessage()).equals(expected)) {
        return ask.askId() + " (" + outcome + ") threw " + e;
      }
    }
    return null;
  }
}
