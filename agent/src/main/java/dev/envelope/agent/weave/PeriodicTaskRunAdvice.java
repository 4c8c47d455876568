package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import net.bytebuddy.asm.Advice;

/** Around each run of a periodic task: its context stays attached for the next run. */
public final class PeriodicTaskRunAdvice {
  private PeriodicTaskRunAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object task) {
    return EnvelopeBridge.taskStarted(task, false);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object scope) {
    EnvelopeBridge.taskEnded(scope);
  }
}
