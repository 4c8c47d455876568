package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Before {@code ThreadPoolExecutor.execute}: a plain runnable is wrapped to carry the context. */
public final class ExecuteAdvice {
  private ExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Runnable task) {
    task = EnvelopeBridge.wrap(task);
  }
}
