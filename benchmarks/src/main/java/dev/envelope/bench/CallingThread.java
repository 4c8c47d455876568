package dev.envelope.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Bytes allocated by the benchmark thread itself, per iteration, next to the number of calls it
 * made: their ratio is the allocation of one operation on the calling thread. JMH's
 * {@code -prof gc} ({@code gc.alloc.rate.norm}) adds the agents' background threads (event
 * writer, span exporter); the target "allocation per admission with one grant on the calling
 * thread" is this one.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CallingThread {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Calls made in this iteration (incremented by the benchmark method). */
  public long calls;
  /** Bytes the benchmark thread allocated in this iteration. */
  public long callingThreadBytes;

  /** Calls over the whole trial, warm-up included (read at the end of the fork). */
  static volatile long trialCalls;

  private long start;

  @Setup(Level.Iteration)
  public void start() {
    calls = 0;
    callingThreadBytes = 0;
    start = THREADS.getCurrentThreadAllocatedBytes();
  }

  @TearDown(Level.Iteration)
  public void stop() {
    callingThreadBytes = THREADS.getCurrentThreadAllocatedBytes() - start;
    trialCalls += calls;
  }
}
