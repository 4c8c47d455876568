package dev.envelope.agent.lifecycle;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;

/**
 * Carries the context of an envelope to the threads that do its work, so a grant made by an
 * executor's worker, a {@code CompletableFuture} async stage or a fork/join task lands in the
 * envelope that started it. Tasks the JDK builds itself ({@code FutureTask}, {@code ForkJoinTask})
 * get the context attached to them, never replaced, so the application sees its own task objects;
 * only a plain {@code Runnable} given to {@code ThreadPoolExecutor.execute} is wrapped. Nothing is
 * attached when no envelope is current, so other work pays almost nothing.
 */
final class ContextPropagation {
  private final WeakIdentityMap<Context> contexts = new WeakIdentityMap<>();

  void taskCreated(Object task) {
    Context current = Context.current();
    if (EnvelopeContext.get(current) != null) {
      contexts.put(task, current);
    }
  }

  Scope taskStarted(Object task, boolean once) {
    Context context = once ? contexts.remove(task) : contexts.get(task);
    if (context == null || context == Context.current()) {
      return null;
    }
    return context.makeCurrent();
  }

  Runnable wrap(Runnable task) {
    if (task instanceof ContextRunnable || task instanceof Future || task instanceof ForkJoinTask) {
      return task; // already carries its context
    }
    Context current = Context.current();
    return EnvelopeContext.get(current) == null ? task : new ContextRunnable(current, task);
  }

  int attached() {
    return contexts.size();
  }

  /** A plain task that runs in the context it was submitted from. */
  static final class ContextRunnable implements Runnable {
    private final Context context;
    private final Runnable task;

    ContextRunnable(Context context, Runnable task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public void run() {
      try (Scope ignored = context.makeCurrent()) {
        task.run();
      }
    }
  }
}
