package dev.envelope.agent.bootstrap;

/**
 * What woven code calls, through {@link EnvelopeBridge}. Only JDK types cross this interface: it
 * is loaded by the bootstrap class loader so that code in any class loader, the JDK's own included,
 * can reach it. The context-propagation methods default to doing nothing.
 */
public interface Dispatcher {

  /** Opens an envelope; returns a token for {@link #admissionExit}, or {@code null}. */
  Object admissionEnter(Class<?> type, String method, Object[] args);

  void admissionExit(Object token, Object returned, Throwable thrown);

  void grantExit(Class<?> type, String method, Object[] args, Object returned, Throwable thrown);

  /** A task was created or submitted: it will run in the context current now. */
  default void taskCreated(Object task) {}

  /**
   * A task starts running: makes its context current; returns what {@link #taskEnded} closes, or
   * {@code null}.
   *
   * @param once whether the task runs only once (its context is then forgotten)
   */
  default Object taskStarted(Object task, boolean once) {
    return null;
  }

  default void taskEnded(Object scope) {}

  /** A plain {@link Runnable} handed to an executor, wrapped to run in the current context. */
  default Runnable wrap(Runnable task) {
    return task;
  }

  /** The current envelope as plain, read-only maps and strings, or {@code null}. */
  default java.util.Map<String, Object> currentEnvelope() {
    return null;
  }

  /**
   * Adds extension data to the current envelope: {@code null} if nothing was recorded, empty if it
   * was, else why it was refused.
   */
  default String addExtension(String namespace, Object data) {
    return null;
  }

  /**
   * An outgoing HTTP request ({@code java.net.http.HttpRequest}): returns it, or a copy carrying
   * the current envelope's trace context and baggage.
   */
  default Object outgoingRequest(Object request) {
    return request;
  }

  /**
   * An incoming HTTP exchange ({@code com.sun.net.httpserver.HttpExchange}) is being handled:
   * makes the caller's trace context and baggage current; returns what {@link #taskEnded} closes.
   */
  default Object incomingRequest(Object exchange) {
    return null;
  }
}
