package dev.envelope.agent.lifecycle;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/** Where the current envelope lives: the OpenTelemetry {@link Context}, so it goes where it goes. */
public final class EnvelopeContext {
  static final ContextKey<ActiveEnvelope> KEY = ContextKey.named("dev.envelope.active-envelope");
  /** The W3C baggage entry that carries the envelope id. */
  public static final String BAGGAGE_KEY = "envelope.id";

  private EnvelopeContext() {}

  /** The envelope current in {@code context}, or {@code null}. */
  public static ActiveEnvelope get(Context context) {
    return context.get(KEY);
  }

  public static ActiveEnvelope current() {
    return Context.current().get(KEY);
  }
}
