package dev.envelope.agent.record;

import java.util.concurrent.atomic.AtomicLong;

/** What became of the event lines handed to the events file, for the report at shutdown. */
final class EventsFileCounts {
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong replaced = new AtomicLong();

  void written(long lines) {
    written.addAndGet(lines);
  }

  void lost(long lines) {
    if (lines > 0) {
      lost.addAndGet(lines);
    }
  }

  void replaced(long lines) {
    replaced.addAndGet(lines);
  }

  /** Lines that reached the file. */
  long written() {
    return written.get();
  }

  /** Lines that could not be written. */
  long lost() {
    return lost.get();
  }

  /** Lines written to a file that was then deleted or replaced under the agent. */
  long replaced() {
    return replaced.get();
  }
}
