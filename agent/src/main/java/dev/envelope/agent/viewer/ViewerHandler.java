package dev.envelope.agent.viewer;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.envelope.agent.diag.Diagnostics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers the viewer's two resources, {@code GET /} (the page) and {@code GET /api/envelopes}
 * (the data), and nothing else: 404 for another path, 405 for another method, 400 for a bad
 * query, each with a one-line message. Every answer forbids caching and sniffing and carries a
 * Content-Security-Policy. Nothing thrown here reaches the server thread.
 */
final class ViewerHandler implements HttpHandler {
  static final String API = "/api/envelopes";
  private static final String NOTHING_ALLOWED =
      "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final EnvelopeRing ring;
  private final ViewerPage page;
  private final String traceUrl;
  private final boolean loopbackOnly;

  ViewerHandler(EnvelopeRing ring, ViewerPage page, String traceUrl, boolean loopbackOnly) {
    this.ring = ring;
    this.page = page;
    this.traceUrl = traceUrl;
    this.loopbackOnly = loopbackOnly;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      answer(exchange);
    } catch (IOException e) {
      // The client went away; nothing to tell anyone.
    } catch (Throwable t) {
      Diagnostics.warnRateLimited("viewer:request", "envelope viewer could not answer a request: "
          + Diagnostics.describe(t));
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (loopbackOnly && !LoopbackHosts.allowed(exchange.getRequestHeaders().getFirst("Host"))) {
      text(exchange, 403, "the viewer answers only to a loopback host name such as 127.0.0.1"
          + " or localhost");
      return;
    }
    if (!"/".equals(path) && !API.equals(path)) {
      text(exchange, 404, "not found; the viewer serves / and " + API);
      return;
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      text(exchange, 405, "only GET is allowed");
      return;
    }
    if ("/".equals(path)) {
      secure(exchange.getResponseHeaders(), "text/html; charset=utf-8",
          page.contentSecurityPolicy());
      exchange.sendResponseHeaders(200, page.length());
      exchange.getResponseBody().write(page.html());
      return;
    }
    EnvelopeQuery query;
    try {
      query = EnvelopeQuery.parse(exchange.getRequestURI().getRawQuery(), ring.capacity());
    } catch (IllegalArgumentException e) {
      text(exchange, 400, e.getMessage());
      return;
    }
    secure(exchange.getResponseHeaders(), "application/json; charset=utf-8", NOTHING_ALLOWED);
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      EnvelopeListJson.write(out, ring.newestFirst(), query, ring.capacity(), traceUrl);
    }
  }

  private static void text(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    secure(exchange.getResponseHeaders(), "text/plain; charset=utf-8", NOTHING_ALLOWED);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void secure(Headers headers, String contentType, String policy) {
    headers.set("Content-Type", contentType);
    headers.set("Content-Security-Policy", policy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Cache-Control", "no-store");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
  }
}
