package dev.envelope.it.targets;

import dev.envelope.it.targets.ConcurrencyTargets.Service;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code <batches> <admissions per batch> <threads> [leak]}: admits in batches on a fixed set of
 * long-lived threads (as a server's pool would), every ask distinct, and after each batch forces
 * full collections and prints the heap still in use, one line per batch:
 * {@code batch=<k> admissions=<total so far> heap_after_gc=<bytes>}. With {@code leak}, it keeps
 * one plain object per admission itself (about 20 bytes), to show the measurement sees that.
 */
public final class HeapSoakMain {
  /** What {@code leak} keeps. */
  private static final List<Object> KEPT = java.util.Collections.synchronizedList(new ArrayList<>());

  private HeapSoakMain() {}

  public static void main(String[] args) throws Exception {
    int batches = Integer.parseInt(args[0]);
    int perBatch = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    int perThread = perBatch / threads;
    boolean leak = args.length > 3 && args[3].equals("leak");
    ExecutorService grants = Executors.newFixedThreadPool(4);
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    Service service = new Service(grants);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong returned = new AtomicLong();
    AtomicLong threw = new AtomicLong();
    AtomicReference<String> wrong = new AtomicReference<>();
    long t0 = System.nanoTime();
    long admitted = 0;
    for (int batch = 0; batch < batches; batch++) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        int first = batch * perThread;
        done.add(workers.submit(() -> {
          for (int i = first; i < first + perThread; i++) {
            String problem = ConcurrencyMain.admitOne(service, thread, i, returned, threw);
            if (problem != null) {
              wrong.compareAndSet(null, problem);
            }
            if (leak) {
              KEPT.add(new Object());
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      admitted += (long) perThread * threads;
      System.out.println("batch=" + batch + " admissions=" + admitted + " heap_after_gc="
          + heapAfterGc(memory));
    }
    workers.shutdown();
    grants.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    grants.awaitTermination(10, TimeUnit.SECONDS);
    System.out.println("admissions=" + admitted + " returned=" + returned + " threw=" + threw
        + " seen-inside=" + service.seenInside() + " millis="
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " wrong=" + wrong.get()
        + " inside-mismatch=" + service.firstMismatch());
  }

  /**
   * The heap in use after full collections: the least of three, a few hundred milliseconds apart,
   * so transitions still queued for the agent's recorder thread (up to 16,384 of them, several
   * MB) are not counted as kept.
   */
  private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      Thread.sleep(300);
      System.gc();
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}
