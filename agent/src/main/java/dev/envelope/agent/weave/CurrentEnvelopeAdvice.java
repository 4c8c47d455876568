package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/** Makes {@code Envelopes.snapshot()} of the application-side API return the current envelope. */
public final class CurrentEnvelopeAdvice {
  private CurrentEnvelopeAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Return(readOnly = false) Map<String, Object> snapshot) {
    snapshot = EnvelopeBridge.currentEnvelope();
  }
}
