package dev.envelope.agent.record;

import dev.envelope.agent.diag.Diagnostics;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Chooses, at the first admission, whose OpenTelemetry makes envelope spans: the OpenTelemetry
 * Java agent's when it is attached (whichever of the two agents started first, it has by then),
 * else the agent's own SDK.
 */
public final class LazyEnvelopeSpans implements EnvelopeSpans {
  private final EnvelopeSpans own;
  private final Supplier<EnvelopeSpans> otelAgent;
  private volatile EnvelopeSpans chosen;

  public LazyEnvelopeSpans(EnvelopeSpans own, Supplier<EnvelopeSpans> otelAgent) {
    this.own = own;
    this.otelAgent = otelAgent;
  }

  private EnvelopeSpans chosen() {
    EnvelopeSpans c = chosen;
    if (c == null) {
      synchronized (this) {
        c = chosen;
        if (c == null) {
          c = choose();
          chosen = c;
        }
      }
    }
    return c;
  }

  private EnvelopeSpans choose() {
    if (!OtelAgentSpans.agentPresent()) {
      return own;
    }
    try {
      EnvelopeSpans agent = otelAgent.get();
      Diagnostics.debug("the OpenTelemetry Java agent is attached: envelope spans go through it");
      return agent;
    } catch (Throwable t) {
      Diagnostics.warn("the OpenTelemetry Java agent is attached but its API could not be used ("
          + Diagnostics.describe(t) + "); envelope spans use the envelope agent's own SDK");
      return own;
    }
  }

  @Override
  public EnvelopeSpan start(String name, Context parent, Instant at) {
    return chosen().start(name, parent, at);
  }

  @Override
  public boolean propagatedElsewhere() {
    return chosen().propagatedElsewhere();
  }

  @Override
  public Object currentElsewhere() {
    EnvelopeSpans c = chosen;
    return c == null ? null : c.currentElsewhere();
  }
}
