package dev.envelope.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpPropagationTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  private final HttpPropagation http = new HttpPropagation(TextMapPropagator.composite(
      W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));

  private static Context envelopeContext() {
    SpanContext span = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
    return Context.root().with(Span.wrap(span))
        .with(Baggage.builder().put("envelope.id", "01a21eca-0603-7000-bb4c-f968f700ceb2").build())
        ;
  }

  @Test
  void anOutgoingRequestOutsideAnEnvelopeIsUntouched() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/x")).GET().build();
    try (Scope ignored = envelopeContext().makeCurrent()) {
      assertThat(http.outgoing(request)).isSameAs(request);
    }
  }

  @Test
  void anIncomingExchangeMakesTheCallersContextCurrentAndNothingMore() {
    Headers headers = new Headers();
    headers.add("traceparent", "00-" + TRACE + "-" + SPAN + "-01");
    headers.add("baggage", "envelope.id=01a21eca-0603-7000-bb4c-f968f700ceb2,requester_urn=urn:user:mallory");
    FakeExchange exchange = new FakeExchange(headers);
    try (Scope scope = http.incoming(exchange)) {
      assertThat(scope).isNotNull();
      SpanContext remote = Span.current().getSpanContext();
      assertThat(remote.isRemote()).isTrue();
      assertThat(remote.getTraceId()).isEqualTo(TRACE);
      assertThat(Baggage.current().getEntryValue("envelope.id"))
          .isEqualTo("01a21eca-0603-7000-bb4c-f968f700ceb2");
      assertThat(EnvelopeContext.current()).as("baggage never opens an envelope").isNull();
      assertThat(http.incoming(exchange)).as("the same exchange deeper in the chain").isNull();
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void aCopiedRequestKeepsEverythingTheApplicationSet() throws Exception {
    HttpRequest original = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/registry"))
        .header("Authorization", "Bearer serving-token")
        .header("X-Multi", "a").header("X-Multi", "b")
        .timeout(Duration.ofSeconds(5))
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}"))
        .build();
    java.lang.reflect.Method copy = HttpPropagation.class.getDeclaredMethod("copyWith",
        HttpRequest.class, java.util.Map.class);
    copy.setAccessible(true);
    HttpRequest copied = (HttpRequest) copy.invoke(null, original,
        java.util.Map.of("traceparent", "00-" + TRACE + "-" + SPAN + "-01"));
    assertThat(copied.method()).isEqualTo("POST");
    assertThat(copied.uri()).isEqualTo(original.uri());
    assertThat(copied.timeout()).isEqualTo(original.timeout());
    assertThat(copied.bodyPublisher().get().contentLength()).isEqualTo(7);
    assertThat(copied.headers().allValues("X-Multi")).containsExactly("a", "b");
    assertThat(copied.headers().firstValue("Authorization")).contains("Bearer serving-token");
    assertThat(copied.headers().firstValue("traceparent")).contains("00-" + TRACE + "-" + SPAN + "-01");
  }

  /** Just enough of an exchange for reading request headers. */
  private static final class FakeExchange extends HttpExchange {
    private final Headers headers;

    FakeExchange(Headers headers) {
      this.headers = headers;
    }

    @Override public Headers getRequestHeaders() { return headers; }
    @Override public Headers getResponseHeaders() { return new Headers(); }
    @Override public URI getRequestURI() { return URI.create("/"); }
    @Override public String getRequestMethod() { return "POST"; }
    @Override public HttpContext getHttpContext() { return null; }
    @Override public void close() {}
    @Override public InputStream getRequestBody() { return InputStream.nullInputStream(); }
    @Override public OutputStream getResponseBody() { return OutputStream.nullOutputStream(); }
    @Override public void sendResponseHeaders(int code, long length) {}
    @Override public InetSocketAddress getRemoteAddress() { return null; }
    @Override public int getResponseCode() { return 0; }
    @Override public InetSocketAddress getLocalAddress() { return null; }
    @Override public String getProtocol() { return "HTTP/1.1"; }
    @Override public Object getAttribute(String name) { return null; }
    @Override public void setAttribute(String name, Object value) {}
    @Override public void setStreams(InputStream i, OutputStream o) {}
    @Override public HttpPrincipal getPrincipal() { return null; }
  }
}
