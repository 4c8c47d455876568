package dev.envelope.agent.bootstrap;

/**
 * What woven code calls, through {@link EnvelopeBridge}. Only JDK types cross this interface: it
 * is loaded by the bootstrap class loader so that code in any class loader can reach it.
 */
public interface Dispatcher {

  /** Opens an envelope; returns a token for {@link #admissionExit}, or {@code null}. */
  Object admissionEnter(Class<?> type, String method, Object[] args);

  void admissionExit(Object token, Object returned, Throwable thrown);

  void grantExit(Class<?> type, String method, Object[] args, Object returned, Throwable thrown);
}
