package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dispatches on the exact path and method. The JDK server matches contexts by prefix, so it would
 * otherwise hand {@code /serving/deploy_model/x} to the deploy handler.
 */
public final class Router implements HttpHandler {

  private static final int MAX_ECHOED_PATH = 200;

  private final Map<String, Map<String, HttpHandler>> routes = new LinkedHashMap<>();

  /** Routes {@code method} on exactly {@code path} to {@code handler}; returns this router. */
  public Router route(String method, String path, HttpHandler handler) {
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, HttpHandler> byMethod = routes.get(path);
    if (byMethod == null) {
      String shown = path.length() > MAX_ECHOED_PATH ? path.substring(0, MAX_ECHOED_PATH) + "…" : path;
      JsonResponses.sendError(exchange, 404, "no such path: " + shown);
      return;
    }
    HttpHandler handler = byMethod.get(exchange.getRequestMethod());
    if (handler == null) {
      String allowed = String.join(", ", byMethod.keySet());
      exchange.getResponseHeaders().set("Allow", allowed);
      JsonResponses.sendError(exchange, 405,
          "method " + exchange.getRequestMethod() + " not allowed (allowed: " + allowed + ")");
      return;
    }
    handler.handle(exchange);
  }
}
