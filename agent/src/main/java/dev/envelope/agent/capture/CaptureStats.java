package dev.envelope.agent.capture;

import java.util.concurrent.atomic.LongAdder;

/** What capture skipped, counted rather than thrown: the application never sees it. */
public final class CaptureStats {
  final LongAdder readerFailures = new LongAdder();
  final LongAdder cyclesSkipped = new LongAdder();
  final LongAdder depthLimited = new LongAdder();
  final LongAdder keysDropped = new LongAdder();
  final LongAdder nonScalarSkipped = new LongAdder();

  public long readerFailures() {
    return readerFailures.sum();
  }

  public long cyclesSkipped() {
    return cyclesSkipped.sum();
  }

  public long depthLimited() {
    return depthLimited.sum();
  }

  public long keysDropped() {
    return keysDropped.sum();
  }

  /** Keys an envelope could not take once a family was full (see the lifecycle's key limit). */
  public void countKeysDropped(int n) {
    if (n > 0) {
      keysDropped.add(n);
    }
  }

  public long nonScalarSkipped() {
    return nonScalarSkipped.sum();
  }

  @Override
  public String toString() {
    return "getter failures " + readerFailures() + ", cycles skipped " + cyclesSkipped()
        + ", depth limited " + depthLimited() + ", keys over the limit " + keysDropped()
        + ", non-scalar values skipped " + nonScalarSkipped();
  }
}
