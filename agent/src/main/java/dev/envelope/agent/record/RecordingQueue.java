package dev.envelope.agent.record;

import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes recording off the application's threads: transitions go into a bounded queue and one
 * daemon thread hands them, in order, to the recorders (span attributes and events, event lines,
 * log records). The snapshots are immutable, so nothing is copied on the way.
 *
 * <p>The queue never drops: when it is full the application thread waits for room, as a file
 * appender would make it wait. A hand-off is one array slot and, while transitions keep coming,
 * no system call: between them the recorder thread naps briefly on its own and application
 * threads wake it only once it has gone to sleep after a quiet spell. When the queue runs empty
 * the recorders are flushed, so an idle service's file is never behind.
 */
public final class RecordingQueue implements Recorder {
  public static final int DEFAULT_CAPACITY = 16_384;
  private static final int BATCH = 256;
  /** A nap between transitions: how late a line may be written while a service is busy. */
  private static final long NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  /** Naps before the thread sleeps and producers must wake it: about 5 ms without transitions. */
  private static final int NAPS_BEFORE_SLEEP = 25;
  /** Asleep, producers wake the thread; this only bounds the cost of a missed wake-up. */
  private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long FULL_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final Recorder recorders;
  private final ArrayBlockingQueue<Object> queue;
  private final Thread thread;
  private volatile boolean sleeping;
  private volatile boolean closing;
  /** Set by the recorder thread as it leaves: from then on producers record on their own. */
  private volatile boolean closed;
  /** Set once the recorders are closed: nothing can be recorded any more. */
  private volatile boolean recordersClosed;

  public RecordingQueue(Recorder recorders, int capacity) {
    this.recorders = recorders;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "envelope-agent-recorder");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void record(Transition transition) {
    hand(transition);
  }

  @Override
  public void extensionAdded(Envelope envelope, String namespace, Fields added, EnvelopeSpan span) {
    hand(new ExtensionAdded(envelope, namespace, added, span));
  }

  private void hand(Object item) {
    if (closed) {
      // Shutdown is over and the recorders are closed: say so rather than lose it silently.
      late(item);
      return;
    }
    if (Thread.currentThread() == thread) {
      deliver(item); // a recorder's own work
      return;
    }
    while (!queue.offer(item)) {
      // Full: wait for room rather than drop. Parking keeps the thread's interrupt status.
      LockSupport.unpark(thread);
      LockSupport.parkNanos(this, FULL_PARK_NANOS);
      if (closed) {
        late(item);
        return;
      }
    }
    if (closed) {
      // The recorder thread left between the check and the offer; whoever removes it records it.
      if (queue.remove(item)) {
        late(item);
      }
    } else if (sleeping) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    List<Object> batch = new ArrayList<>(BATCH);
    boolean unflushed = false;
    int naps = 0;
    while (true) {
      if (queue.drainTo(batch, BATCH) > 0) {
        for (Object item : batch) {
          deliver(item);
        }
        batch.clear();
        unflushed = true;
        naps = 0;
        continue;
      }
      if (unflushed) {
        flush();
        unflushed = false;
        continue;
      }
      if (closing) {
        closed = true;
        while (queue.drainTo(batch) > 0) {
          for (Object item : batch) {
            deliver(item);
          }
          batch.clear();
        }
        flush();
        return;
      }
      if (naps < NAPS_BEFORE_SLEEP) {
        naps++;
        LockSupport.parkNanos(this, NAP_NANOS);
        continue;
      }
      sleeping = true;
      if (queue.isEmpty() && !closing) {
        LockSupport.parkNanos(this, SLEEP_NANOS);
      }
      sleeping = false;
    }
  }

  /** A transition that arrived after the recorders closed at shutdown. */
  private void late(Object item) {
    if (recordersClosed) {
      settleUnwritten(item);
      Diagnostics.warnRateLimited("recording-after-shutdown", "an envelope transition arrived"
          + " after the agent stopped recording at JVM shutdown; it was not recorded"
          + (item instanceof Transition ? " (" + ((Transition) item).envelope().id() + " "
          + ((Transition) item).envelope().phase().wireName() + ")" : ""));
    } else {
      deliver(item);
    }
  }

  private void deliver(Object item) {
    try {
      if (item instanceof Transition) {
        recorders.record((Transition) item);
      } else {
        ExtensionAdded e = (ExtensionAdded) item;
        recorders.extensionAdded(e.envelope, e.namespace, e.added, e.span);
      }
    } catch (Throwable t) {
      Diagnostics.warnRateLimited("recording-queue", "recording failed: " + Diagnostics.describe(t));
    }
    settleUnwritten(item);
  }

  /** A receipt the events file did not settle (none configured, or it failed) means not written. */
  private static void settleUnwritten(Object item) {
    if (item instanceof Transition && ((Transition) item).receipt() != null) {
      ((Transition) item).receipt().settle(false);
    }
  }

  @Override
  public void flush() {
    try {
      recorders.flush();
    } catch (Throwable t) {
      Diagnostics.warnRateLimited("recording-queue", "flush failed: " + Diagnostics.describe(t));
    }
  }

  /** Transitions waiting for the recorder thread. */
  public int pending() {
    return queue.size();
  }

  /**
   * Records everything already handed over (waiting at most {@code drainMillis}), then closes
   * the recorders. Transitions arriving after the queue is drained are recorded on their own
   * thread.
   */
  public void close(long drainMillis) {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(drainMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      Diagnostics.warn("recording had not finished " + drainMillis + " ms into shutdown ("
          + queue.size() + " more envelope transitions queued); closing without them");
    }
    recorders.close();
    recordersClosed = true;
  }

  @Override
  public void close() {
    close(30_000);
  }

  private static final class ExtensionAdded {
    final Envelope envelope;
    final String namespace;
    final Fields added;
    final EnvelopeSpan span;

    ExtensionAdded(Envelope envelope, String namespace, Fields added, EnvelopeSpan span) {
      this.envelope = envelope;
      this.namespace = namespace;
      this.added = added;
      this.span = span;
    }
  }
}
