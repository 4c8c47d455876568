package dev.envelope.agent.diag.jul;

import dev.envelope.agent.diag.Diagnostics;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for {@code java.util.logging.Logger} inside the agent jar (see {@link Level}). The
 * SDK's warnings become the agent's own diagnostics, at most one a minute per logger so that an
 * unreachable collector cannot flood stderr; finer levels show only with {@code envelope.debug}.
 */
public final class Logger {
  private static final ConcurrentHashMap<String, Logger> LOGGERS = new ConcurrentHashMap<>();
  private final String name;

  private Logger(String name) {
    this.name = name;
  }

  public static Logger getLogger(String name) {
    return LOGGERS.computeIfAbsent(name, Logger::new);
  }

  public String getName() {
    return name;
  }

  public boolean isLoggable(Level level) {
    return level.intValue() >= Level.WARNING.intValue() || Diagnostics.isDebug();
  }

  public void log(Level level, String message) {
    log(level, message, (Throwable) null);
  }

  public void log(Level level, String message, Object parameter) {
    log(level, format(message, new Object[] {parameter}), (Throwable) null);
  }

  public void log(Level level, String message, Object[] parameters) {
    log(level, format(message, parameters), (Throwable) null);
  }

  public void log(Level level, String message, Throwable error) {
    if (!isLoggable(level)) {
      return;
    }
    String line = "OpenTelemetry SDK (" + name + "): " + message
        + (error == null ? "" : " (" + Diagnostics.describe(error) + ")");
    if (level.intValue() >= Level.WARNING.intValue()) {
      Diagnostics.warnRateLimited("otel:" + name, line + " [repeats are suppressed for a minute]");
    } else {
      Diagnostics.debug(line);
    }
  }

  public void severe(String message) {
    log(Level.SEVERE, message);
  }

  public void warning(String message) {
    log(Level.WARNING, message);
  }

  public void info(String message) {
    log(Level.INFO, message);
  }

  public void config(String message) {
    log(Level.CONFIG, message);
  }

  public void fine(String message) {
    log(Level.FINE, message);
  }

  public void finer(String message) {
    log(Level.FINER, message);
  }

  public void finest(String message) {
    log(Level.FINEST, message);
  }

  /** {@code java.text.MessageFormat}-style {@code {0}} placeholders, without its parsing rules. */
  private static String format(String message, Object[] parameters) {
    if (message == null || parameters == null) {
      return message;
    }
    String out = message;
    for (int i = 0; i < parameters.length; i++) {
      out = out.replace("{" + i + "}", String.valueOf(parameters[i]));
    }
    return out;
  }
}
