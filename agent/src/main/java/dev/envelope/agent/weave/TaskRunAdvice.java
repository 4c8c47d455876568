package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import net.bytebuddy.asm.Advice;

/** Around a JDK task's one-shot run: the context it was created in is current while it runs. */
public final class TaskRunAdvice {
  private TaskRunAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object task) {
    return EnvelopeBridge.taskStarted(task, true);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object scope) {
    EnvelopeBridge.taskEnded(scope);
  }
}
