package dev.envelope.agent.record;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import dev.envelope.agent.diag.Diagnostics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON Lines record of truth, written through the agent's own Logback. The context is built
 * and configured here alone, never discovered: the application's {@code logback.xml}, its
 * system properties and its own logging stay untouched.
 *
 * <p>Writing is synchronous: {@link RecordingQueue} already runs it on its own thread, so a second
 * queue would only copy. The file is buffered and flushed when recording goes idle, not after
 * every line; closing flushes what is left.
 */
public final class EventLog implements Recorder {
  private static final int BUFFER = 64 * 1024;

  private final LoggerContext context;
  private final org.slf4j.Logger events;
  private final CountingFileAppender file;
  private final String fileName;
  private final AtomicLong failures;
  private final EventsFileCounts counts;
  private final AtomicLong handed = new AtomicLong();

  private EventLog(LoggerContext context, org.slf4j.Logger events, CountingFileAppender file,
      String fileName, AtomicLong failures, EventsFileCounts counts) {
    this.context = context;
    this.events = events;
    this.file = file;
    this.fileName = fileName;
    this.failures = failures;
    this.counts = counts;
  }

  /**
   * @param file the JSON Lines file, or {@code null} for none
   * @param stdout also write each line to standard output
   */
  public static EventLog open(String file, boolean stdout, EventEncoder encoder) {
    LoggerContext context = new LoggerContext();
    context.setName("envelope-agent");
    // Normally set by SLF4J's provider discovery, which this private context deliberately skips.
    context.setMDCAdapter(new LogbackMDCAdapter());
    AtomicLong failures = new AtomicLong();
    context.getStatusManager().add((Status status) -> {
      if (status.getLevel() >= Status.ERROR) {
        failures.incrementAndGet();
        Throwable cause = status.getThrowable();
        Diagnostics.warnRateLimited("event-log-error", "the envelope event log could not write: "
            + status.getMessage() + (cause == null ? "" : " (" + Diagnostics.describe(cause) + ")"));
      }
    });
    Logger logger = context.getLogger("dev.envelope.events");
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    EventsFileCounts counts = new EventsFileCounts();
    CountingFileAppender fileAppender = null;
    if (file != null) {
      fileAppender = fileAppender(context, file, counts, encoder);
      logger.addAppender(fileAppender);
    }
    if (stdout) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setContext(context);
      console.setName("stdout");
      console.setEncoder(lineEncoder(context, encoder));
      console.setImmediateFlush(true);
      console.start();
      logger.addAppender(console);
    }
    context.start();
    return new EventLog(context, logger, fileAppender, file, failures, counts);
  }

  private static CountingFileAppender fileAppender(LoggerContext context, String file,
      EventsFileCounts counts, EventEncoder encoder) {
    CountingFileAppender appender = new CountingFileAppender(counts, BUFFER);
    appender.setContext(context);
    appender.setName("events-file");
    appender.setFile(file);
    appender.setAppend(true);
    appender.setEncoder(lineEncoder(context, encoder));
    appender.setImmediateFlush(false);

    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(5);
    appender.setRollingPolicy(rolling);
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(FileSize.valueOf("100MB"));
    // Logback looks at the size once a minute by default: under load that is gigabytes past it.
    trigger.setCheckIncrement(Duration.buildByMilliseconds(250));
    appender.setTriggeringPolicy(trigger);
    rolling.start();
    trigger.start();
    appender.start();
    return appender;
  }

  private static LineEncoder lineEncoder(LoggerContext context, EventEncoder events) {
    LineEncoder encoder = new LineEncoder(events);
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  /**
   * Hands the transition itself to Logback, whose encoder writes its JSON straight into the line.
   * The message has no placeholder, so Logback never turns the argument into text on the way.
   */
  @Override
  public void record(Transition transition) {
    Receipt receipt = transition.receipt();
    long lostBefore = counts.lost();
    events.info(LineEncoder.MESSAGE, transition);
    handed.incrementAndGet();
    if (receipt != null && file != null) {
      // Strict mode: the line must be out of the buffer before the admission may run.
      file.flush();
      receipt.settle(counts.lost() == lostBefore);
    }
  }

  /** Lines handed to Logback. */
  public long handed() {
    return handed.get();
  }

  /** Lines that reached the events file. */
  public long written() {
    return counts.written();
  }

  /** Event lines that did not reach the file. */
  public long lost() {
    return counts.lost();
  }

  /** Lines that reached a file that was then deleted or replaced under the agent. */
  public long replaced() {
    return counts.replaced();
  }

  /** Write errors Logback reported (a full disk, a deleted directory, ...). */
  public long failures() {
    return failures.get();
  }

  @Override
  public void flush() {
    if (file != null) {
      file.flush();
    }
  }

  /** Flushes and closes the file. */
  @Override
  public void close() {
    context.stop();
    if (file != null && (counts.lost() > 0 || counts.replaced() > 0)) {
      Diagnostics.warn(counts.lost() + " of " + handed.get()
          + " envelope events could not be written to "
          + java.nio.file.Paths.get(fileName).toAbsolutePath()
          + (counts.replaced() == 0 ? "" : "; " + counts.replaced()
              + " went to a copy of it that was deleted or replaced while in use"));
    }
  }
}
