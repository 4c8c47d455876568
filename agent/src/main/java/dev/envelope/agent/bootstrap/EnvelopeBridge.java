package dev.envelope.agent.bootstrap;

/**
 * The one class woven code refers to. It lives in the bootstrap class loader, holds the agent's
 * {@link Dispatcher} and does nothing until the agent has installed one. Every method swallows
 * whatever the dispatcher throws: the application must never see the agent fail.
 */
public final class EnvelopeBridge {
  private static volatile Dispatcher dispatcher;

  private EnvelopeBridge() {}

  public static void install(Dispatcher d) {
    dispatcher = d;
  }

  public static boolean isInstalled() {
    return dispatcher != null;
  }

  public static Object admissionEnter(Class<?> type, String method, Object[] args) {
    Dispatcher d = dispatcher;
    if (d == null) {
      return null;
    }
    try {
      return d.admissionEnter(type, method, args);
    } catch (Throwable t) {
      return null;
    }
  }

  public static void admissionExit(Object token, Object returned, Throwable thrown) {
    Dispatcher d = dispatcher;
    if (d == null || token == null) {
      return;
    }
    try {
      d.admissionExit(token, returned, thrown);
    } catch (Throwable t) {
      // contained: see class comment
    }
  }

  public static void grantExit(Class<?> type, String method, Object[] args, Object returned,
      Throwable thrown) {
    Dispatcher d = dispatcher;
    if (d == null) {
      return;
    }
    try {
      d.grantExit(type, method, args, returned, thrown);
    } catch (Throwable t) {
      // contained: see class comment
    }
  }

  public static void taskCreated(Object task) {
    Dispatcher d = dispatcher;
    if (d == null) {
      return;
    }
    try {
      d.taskCreated(task);
    } catch (Throwable t) {
      // contained: see class comment
    }
  }

  public static Object taskStarted(Object task, boolean once) {
    Dispatcher d = dispatcher;
    if (d == null) {
      return null;
    }
    try {
      return d.taskStarted(task, once);
    } catch (Throwable t) {
      return null;
    }
  }

  public static void taskEnded(Object scope) {
    Dispatcher d = dispatcher;
    if (d == null || scope == null) {
      return;
    }
    try {
      d.taskEnded(scope);
    } catch (Throwable t) {
      // contained: see class comment
    }
  }

  public static Runnable wrap(Runnable task) {
    Dispatcher d = dispatcher;
    if (d == null || task == null) {
      return task;
    }
    try {
      return d.wrap(task);
    } catch (Throwable t) {
      return task;
    }
  }

  public static java.util.Map<String, Object> currentEnvelope() {
    Dispatcher d = dispatcher;
    if (d == null) {
      return null;
    }
    try {
      return d.currentEnvelope();
    } catch (Throwable t) {
      return null;
    }
  }

  public static String addExtension(String namespace, Object data) {
    Dispatcher d = dispatcher;
    if (d == null) {
      return null;
    }
    try {
      return d.addExtension(namespace, data);
    } catch (Throwable t) {
      return null;
    }
  }

  public static Object outgoingRequest(Object request) {
    Dispatcher d = dispatcher;
    if (d == null || request == null) {
      return request;
    }
    try {
      return d.outgoingRequest(request);
    } catch (Throwable t) {
      return request;
    }
  }

  public static Object incomingRequest(Object exchange) {
    Dispatcher d = dispatcher;
    if (d == null || exchange == null) {
      return null;
    }
    try {
      return d.incomingRequest(exchange);
    } catch (Throwable t) {
      return null;
    }
  }
}
