package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import net.bytebuddy.asm.Advice;

/** Makes {@code Envelopes.extend(namespace, data)} of the application-side API record the data. */
public final class AddExtensionAdvice {
  private AddExtensionAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.Argument(0) String namespace,
      @Advice.Argument(1) Object data,
      @Advice.Return(readOnly = false) String outcome) {
    outcome = EnvelopeBridge.addExtension(namespace, data);
  }
}
