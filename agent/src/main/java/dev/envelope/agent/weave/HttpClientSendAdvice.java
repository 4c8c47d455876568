package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import java.net.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/** Before the JDK HttpClient sends: the request carries the current envelope's context. */
public final class HttpClientSendAdvice {
  private HttpClientSendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
    request = (HttpRequest) EnvelopeBridge.outgoingRequest(request);
  }
}
