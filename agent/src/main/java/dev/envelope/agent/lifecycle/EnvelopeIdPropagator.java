package dev.envelope.agent.lifecycle;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * Carries the envelope id, and nothing else, in W3C {@code baggage}: added when the configured
 * propagators leave baggage out ({@code OTEL_PROPAGATORS=tracecontext}), so the link from a
 * downstream envelope to its parent survives without turning general baggage back on.
 */
public final class EnvelopeIdPropagator implements TextMapPropagator {
  private static final W3CBaggagePropagator BAGGAGE = W3CBaggagePropagator.getInstance();

  @Override
  public Collection<String> fields() {
    return BAGGAGE.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    String id = Baggage.fromContext(context).getEntryValue(EnvelopeContext.BAGGAGE_KEY);
    if (id != null) {
      BAGGAGE.inject(context.with(Baggage.builder().put(EnvelopeContext.BAGGAGE_KEY, id).build()),
          carrier, setter);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    String id = Baggage.fromContext(BAGGAGE.extract(Context.root(), carrier, getter))
        .getEntryValue(EnvelopeContext.BAGGAGE_KEY);
    if (id == null) {
      return context;
    }
    return context.with(Baggage.fromContext(context).toBuilder()
        .put(EnvelopeContext.BAGGAGE_KEY, id).build());
  }

  /** {@code propagator}, plus this one unless it already carries baggage. */
  public static TextMapPropagator around(TextMapPropagator propagator) {
    return propagator.fields().contains("baggage")
        ? propagator : TextMapPropagator.composite(propagator, new EnvelopeIdPropagator());
  }
}
