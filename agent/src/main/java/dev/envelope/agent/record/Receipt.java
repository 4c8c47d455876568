package dev.envelope.agent.record;

import java.util.concurrent.locks.LockSupport;

/**
 * Tells the thread that made a transition whether its line reached the events file: what strict
 * audit mode ({@code envelope.events.strict}) waits for before it lets an admission run.
 */
public final class Receipt {
  private static final int PENDING = 0;
  private static final int WRITTEN = 1;
  private static final int NOT_WRITTEN = 2;

  private final Thread waiter = Thread.currentThread();
  private volatile int state = PENDING;

  /** The first word counts; later ones change nothing. */
  void settle(boolean written) {
    if (state == PENDING) {
      state = written ? WRITTEN : NOT_WRITTEN;
      LockSupport.unpark(waiter);
    }
  }

  /**
   * Waits for the line to be written out, at most {@code timeoutNanos}.
   *
   * @return whether it was; {@code false} when it was not, or not in time
   */
  public boolean await(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean interrupted = false;
    while (state == PENDING) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(this, left);
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return state == WRITTEN;
  }
}
