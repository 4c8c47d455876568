package dev.envelope.agent.record;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import dev.envelope.agent.diag.Diagnostics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON Lines record of truth, written through the agent's own Logback. The context is built
 * and configured here alone, never discovered: the application's {@code logback.xml}, its
 * system properties and its own logging stay untouched.
 *
 * <p>The file appender sits behind a blocking queue that never discards (discarding threshold 0,
 * {@code neverBlock=false}); stopping the context at shutdown drains it.
 */
public final class EventLog implements Recorder {
  static final int QUEUE_SIZE = 8192;
  private static final long DRAIN_MILLIS = 30_000;

  private final LoggerContext context;
  private final org.slf4j.Logger events;
  private final AtomicLong failures;
  private final AtomicLong lost;
  private final AtomicLong written = new AtomicLong();

  private EventLog(LoggerContext context, org.slf4j.Logger events, AtomicLong failures,
      AtomicLong lost) {
    this.context = context;
    this.events = events;
    this.failures = failures;
    this.lost = lost;
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
    AtomicLong lost = new AtomicLong();
    if (file != null) {
      logger.addAppender(asyncFile(context, file, lost, encoder));
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
    return new EventLog(context, logger, failures, lost);
  }

  private static AsyncAppenderBase<ILoggingEvent> asyncFile(LoggerContext context, String file,
      AtomicLong lost, EventEncoder encoder) {
    RollingFileAppender<ILoggingEvent> appender = new CountingFileAppender(lost);
    appender.setContext(context);
    appender.setName("events-file");
    appender.setFile(file);
    appender.setAppend(true);
    appender.setEncoder(lineEncoder(context, encoder));

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
    appender.setTriggeringPolicy(trigger);
    rolling.start();
    trigger.start();
    appender.start();

    AsyncAppenderBase<ILoggingEvent> async = new AsyncAppenderBase<>();
    async.setContext(context);
    async.setName("events-file-queue");
    async.setQueueSize(QUEUE_SIZE);
    async.setDiscardingThreshold(0);
    async.setNeverBlock(false);
    async.setMaxFlushTime((int) DRAIN_MILLIS);
    async.addAppender(appender);
    async.start();
    return async;
  }

  private static LineEncoder lineEncoder(LoggerContext context, EventEncoder events) {
    LineEncoder encoder = new LineEncoder(events);
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  /**
   * Hands the transition itself to Logback: the snapshot is immutable, so the JSON is written by
   * the file appender's own thread, off the application's. The message has no placeholder, so
   * Logback never turns the argument into text on the way.
   */
  @Override
  public void record(Transition transition) {
    events.info(LineEncoder.MESSAGE, transition);
    written.incrementAndGet();
  }

  /** Lines handed to Logback. */
  public long written() {
    return written.get();
  }

  /** Event lines that did not reach the file. */
  public long lost() {
    return lost.get();
  }

  /** Write errors Logback reported (a full disk, a deleted directory, ...). */
  public long failures() {
    return failures.get();
  }

  /** Drains the queue and closes the file. */
  @Override
  public void close() {
    context.stop();
    if (lost.get() > 0 || failures.get() > 0) {
      Diagnostics.warn(lost.get() + " of " + written.get()
          + " envelope events could not be written to the events file (" + failures.get()
          + " write errors reported)");
    }
  }
}
