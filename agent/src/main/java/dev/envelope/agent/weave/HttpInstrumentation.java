package dev.envelope.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Carries an envelope between services over the JDK's own HTTP client and server: the client's
 * single internal send path ({@code HttpClientImpl.sendAsync} with an executor, which {@code send}
 * and every public {@code sendAsync} reach) adds the context to the request; the server's filter
 * chain makes what arrived current while the handler runs.
 */
final class HttpInstrumentation {
  private static final String CLIENT = "jdk.internal.net.http.HttpClientImpl";
  private static final String SERVER_CHAIN = "com.sun.net.httpserver.Filter$Chain";
  static final Set<String> TYPES =
      Collections.unmodifiableSet(new HashSet<>(Arrays.asList(CLIENT, SERVER_CHAIN)));

  private HttpInstrumentation() {}

  static AgentBuilder extend(AgentBuilder builder, ClassLoader agentLoader) {
    return builder
        .type(named(CLIENT))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(named("sendAsync").and(takesArguments(4)),
                HttpClientSendAdvice.class.getName()))
        .type(named(SERVER_CHAIN))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(named("doFilter").and(takesArguments(1)),
                HttpServerHandleAdvice.class.getName()));
  }
}
