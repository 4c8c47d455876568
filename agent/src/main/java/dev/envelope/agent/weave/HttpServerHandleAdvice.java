package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import net.bytebuddy.asm.Advice;

/** Around the JDK HttpServer's filter chain: what the caller propagated is current meanwhile. */
public final class HttpServerHandleAdvice {
  private HttpServerHandleAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(0) Object exchange) {
    return EnvelopeBridge.incomingRequest(exchange);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object scope) {
    EnvelopeBridge.taskEnded(scope);
  }
}
