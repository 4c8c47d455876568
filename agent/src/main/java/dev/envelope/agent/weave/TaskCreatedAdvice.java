package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import net.bytebuddy.asm.Advice;

/** After a JDK task's constructor: the task will run in the context current now. */
public final class TaskCreatedAdvice {
  private TaskCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.This Object task) {
    EnvelopeBridge.taskCreated(task);
  }
}
