package dev.envelope.agent.record;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.File;
import java.io.OutputStream;

/**
 * The events file appender: Logback's rolling file appender writing through
 * {@link EventsFileStream}, so that every line is either in the file or counted. A line that
 * comes after the appender stopped (at shutdown) is counted as well.
 */
final class CountingFileAppender extends RollingFileAppender<ILoggingEvent> {
  private final EventsFileCounts counts;
  private final int bufferSize;

  CountingFileAppender(EventsFileCounts counts, int bufferSize) {
    this.counts = counts;
    this.bufferSize = bufferSize;
  }

  @Override
  public void doAppend(ILoggingEvent event) {
    if (!isStarted()) {
      counts.lost(1);
      return;
    }
    super.doAppend(event);
  }

  /** Never fails: a file that cannot be opened now is counted against and retried by the stream. */
  @Override
  public void openFile(String fileName) {
    streamWriteLock.lock();
    try {
      setOutputStream(new EventsFileStream(new File(fileName), isAppend(), bufferSize, counts));
    } finally {
      streamWriteLock.unlock();
    }
  }

  /** Writes out the buffered lines. */
  void flush() {
    streamWriteLock.lock();
    try {
      OutputStream out = getOutputStream();
      if (isStarted() && out != null) {
        out.flush();
      }
    } catch (java.io.IOException e) {
      // EventsFileStream never throws; another stream would have reported through Logback.
    } finally {
      streamWriteLock.unlock();
    }
  }
}
