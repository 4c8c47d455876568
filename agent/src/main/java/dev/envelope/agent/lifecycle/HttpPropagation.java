package dev.envelope.agent.lifecycle;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries an envelope across services over HTTP with the configured propagators (W3C
 * {@code traceparent} and {@code baggage} by default): the JDK's {@code HttpClient} sends the
 * current trace context and the envelope id along, and the JDK's {@code HttpServer} makes what a
 * caller sent current while its handler runs, so the next admission joins the trace and names its
 * parent envelope. What arrives in baggage is only ever a correlation hint: it never becomes the
 * caller's identity.
 */
final class HttpPropagation {
  private static final ContextKey<Object> EXCHANGE = ContextKey.named("dev.envelope.http-exchange");
  private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<Headers>() {
    @Override
    public Iterable<String> keys(Headers carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Headers carrier, String key) {
      return carrier == null ? null : carrier.getFirst(key);
    }
  };

  private final TextMapPropagator propagator;

  HttpPropagation(TextMapPropagator propagator) {
    this.propagator = propagator;
  }

  Object outgoing(Object request) {
    Context current = Context.current();
    ActiveEnvelope active = EnvelopeContext.get(current);
    if (!(request instanceof HttpRequest) || active == null) {
      return request;
    }
    HttpRequest original = (HttpRequest) request;
    Map<String, String> added = new LinkedHashMap<>();
    propagator.inject(withEnvelopeId(current, active), added, (carrier, key, value) -> {
      if (carrier != null && original.headers().firstValue(key).isEmpty()) {
        carrier.put(key, value);
      }
    });
    return added.isEmpty() ? request : copyWith(original, added);
  }

  /**
   * The context with the envelope id in baggage, for the downstream service to name its parent.
   * Added here, when a request leaves, rather than at every admission.
   */
  static Context withEnvelopeId(Context context, ActiveEnvelope active) {
    Baggage baggage = Baggage.fromContext(context);
    if (active.id().equals(baggage.getEntryValue(EnvelopeContext.BAGGAGE_KEY))) {
      return context;
    }
    return context.with(baggage.toBuilder().put(EnvelopeContext.BAGGAGE_KEY, active.id()).build());
  }

  /** HttpRequest is immutable: the copy keeps everything the application set, plus headers. */
  private static HttpRequest copyWith(HttpRequest original, Map<String, String> headers) {
    try {
      HttpRequest.Builder copy = HttpRequest.newBuilder(original.uri());
      original.headers().map().forEach((name, values) -> values.forEach(v -> copy.header(name, v)));
      headers.forEach(copy::header);
      copy.method(original.method(),
          original.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
      original.timeout().ifPresent(copy::timeout);
      original.version().ifPresent(copy::version);
      copy.expectContinue(original.expectContinue());
      return copy.build();
    } catch (RuntimeException e) {
      return original; // a request we cannot copy faithfully goes out as the application made it
    }
  }

  Scope incoming(Object exchange) {
    if (!(exchange instanceof HttpExchange)) {
      return null;
    }
    Context current = Context.current();
    if (current.get(EXCHANGE) == exchange) {
      return null; // an outer filter of the same chain already did it
    }
    Context extracted = propagator.extract(current, ((HttpExchange) exchange).getRequestHeaders(),
        HEADERS);
    if (!Span.fromContext(extracted).getSpanContext().isRemote()
        && Baggage.fromContext(extracted).isEmpty()) {
      return current.with(EXCHANGE, exchange).makeCurrent();
    }
    return extracted.with(EXCHANGE, exchange).makeCurrent();
  }
}
