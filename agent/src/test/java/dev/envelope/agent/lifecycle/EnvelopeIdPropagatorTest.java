package dev.envelope.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeIdPropagatorTest {
  private static final String ID = "01a21eca-0603-7000-bb4c-f968f700ceb2";
  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier.get(key);
    }
  };

  @Test
  void onlyTheEnvelopeIdCrossesWhenBaggageIsNotConfigured() {
    TextMapPropagator propagator = EnvelopeIdPropagator.around(W3CTraceContextPropagator.getInstance());
    Context context = Context.root().with(Baggage.builder()
        .put("envelope.id", ID).put("user_secret_hint", "x").build());
    Map<String, String> headers = new HashMap<>();
    propagator.inject(context, headers, Map::put);
    assertThat(headers.get("baggage")).isEqualTo("envelope.id=" + ID);

    headers.put("baggage", "envelope.id=" + ID + ",requester_urn=urn:user:mallory");
    Baggage extracted = Baggage.fromContext(propagator.extract(Context.root(), headers, GETTER));
    assertThat(extracted.getEntryValue("envelope.id")).isEqualTo(ID);
    assertThat(extracted.size()).isEqualTo(1);
  }

  @Test
  void aPropagatorThatCarriesBaggageIsLeftAlone() {
    TextMapPropagator full = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
        io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator.getInstance());
    assertThat(EnvelopeIdPropagator.around(full)).isSameAs(full);
  }
}
