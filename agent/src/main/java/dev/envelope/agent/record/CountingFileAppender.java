package dev.envelope.agent.record;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.envelope.agent.diag.Diagnostics;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events file appender, counting every line it could not write. Logback stops a file appender
 * after an I/O error and then ignores events with no more than a few warnings; here each of them
 * is counted, the first is reported at once, and the total is reported at shutdown.
 */
final class CountingFileAppender extends RollingFileAppender<ILoggingEvent> {
  private final AtomicLong lost;

  CountingFileAppender(AtomicLong lost) {
    this.lost = lost;
  }

  @Override
  public void doAppend(ILoggingEvent event) {
    if (!isStarted()) {
      lose();
      return;
    }
    super.doAppend(event);
    if (!isStarted()) {
      lose();
    }
  }

  /** Writes out the buffered lines. */
  void flush() {
    streamWriteLock.lock();
    try {
      if (isStarted() && getOutputStream() != null) {
        getOutputStream().flush();
      }
    } catch (IOException e) {
      addError("could not flush " + getFile(), e);
    } finally {
      streamWriteLock.unlock();
    }
  }

  private void lose() {
    if (lost.getAndIncrement() == 0) {
      Diagnostics.warn("envelope events can no longer be written to " + getFile()
          + "; they are counted and the total is reported at shutdown");
    }
  }
}
