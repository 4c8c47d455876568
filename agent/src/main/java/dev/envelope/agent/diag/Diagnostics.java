package dev.envelope.agent.diag;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own voice: one line per message on stderr, prefixed so operators can tell it from
 * the application. Kept apart from the event log and from every logging framework so it works
 * before anything else is set up, and so the agent never touches the application's logging.
 */
public final class Diagnostics {
  static final String PREFIX = "[envelope-agent] ";
  private static final long REPEAT_INTERVAL_NANOS = 60_000_000_000L;
  private static final Set<String> SAID_ONCE = ConcurrentHashMap.newKeySet();
  private static final ConcurrentHashMap<String, AtomicLong> LAST_SAID = new ConcurrentHashMap<>();
  private static volatile boolean debug;
  private static volatile PrintStream err = System.err;

  private Diagnostics() {}

  public static void setDebug(boolean enabled) {
    debug = enabled;
  }

  public static boolean isDebug() {
    return debug;
  }

  /** Something the operator must know: a bad setting, a failure inside the agent. */
  public static void warn(String message) {
    print("WARN " + oneLine(message));
  }

  /** Printed once per {@code key} for the life of the process. */
  public static void warnOnce(String key, String message) {
    if (SAID_ONCE.add(key)) {
      warn(message);
    }
  }

  /** At most once a minute per {@code key}, however often it happens. */
  public static void warnRateLimited(String key, String message) {
    long now = System.nanoTime();
    AtomicLong last = LAST_SAID.computeIfAbsent(key, k -> new AtomicLong(now - REPEAT_INTERVAL_NANOS));
    long previous = last.get();
    if (now - previous >= REPEAT_INTERVAL_NANOS && last.compareAndSet(previous, now)) {
      warn(message);
    }
  }

  public static void info(String message) {
    print("INFO " + oneLine(message));
  }

  public static void debug(String message) {
    if (debug) {
      print("DEBUG " + oneLine(message));
    }
  }

  /** A throwable as {@code Type: message}, for a one-line report. */
  public static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getName() + (message == null ? "" : ": " + message);
  }

  private static String oneLine(String message) {
    return message.replace('\n', ' ').replace('\r', ' ');
  }

  private static void print(String line) {
    try {
      err.println(PREFIX + line);
    } catch (Throwable ignored) {
      // A closed stderr must not become the application's problem.
    }
  }
}
