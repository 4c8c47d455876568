package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dispatches on the path and method. The JDK server matches contexts by prefix, so it would
 * otherwise hand {@code /serving/deploy_model/x} to the deploy handler. A path is either exact or
 * a {@link PathTemplate} with {@code {name}} segments, whose values the handler reads through
 * {@link #pathVariable}. A known path with another method gets {@code 405} and {@code Allow}.
 */
public final class Router implements HttpHandler {

  private static final int MAX_ECHOED_PATH = 200;
  /**
   * The path variables of each exchange being handled. Not {@code HttpExchange} attributes: the
   * JDK server keeps those in the shared {@code HttpContext}, so concurrent requests would read
   * each other's values.
   */
  private static final Map<HttpExchange, Map<String, String>> VARIABLES = new ConcurrentHashMap<>();

  private final Map<String, Map<String, HttpHandler>> exact = new LinkedHashMap<>();
  private final Map<PathTemplate, Map<String, HttpHandler>> templates = new LinkedHashMap<>();
  private final Map<String, PathTemplate> templatesByText = new LinkedHashMap<>();

  /**
   * Routes {@code method} on {@code path} to {@code handler}; returns this router. {@code path} is
   * exact, or a template such as {@code /serving/deployments/{deployment_id}}.
   */
  public Router route(String method, String path, HttpHandler handler) {
    if (PathTemplate.hasVariables(path)) {
      PathTemplate template = templatesByText.computeIfAbsent(path, PathTemplate::parse);
      templates.computeIfAbsent(template, t -> new LinkedHashMap<>()).put(method, handler);
    } else {
      exact.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
    }
    return this;
  }

  /** The value of the path variable {@code name} of a routed exchange, or {@code null}. */
  public static String pathVariable(HttpExchange exchange, String name) {
    Map<String, String> variables = VARIABLES.get(exchange);
    return variables == null ? null : variables.get(name);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, HttpHandler> byMethod = exact.get(path);
    if (byMethod == null) {
      byMethod = matchTemplate(exchange);
    }
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
    try {
      handler.handle(exchange);
    } finally {
      VARIABLES.remove(exchange);
    }
  }

  private Map<String, HttpHandler> matchTemplate(HttpExchange exchange) {
    String rawPath = exchange.getRequestURI().getRawPath();
    for (Map.Entry<PathTemplate, Map<String, HttpHandler>> route : templates.entrySet()) {
      Map<String, String> variables = route.getKey().match(rawPath);
      if (variables != null) {
        VARIABLES.put(exchange, variables);
        return route.getValue();
      }
    }
    return null;
  }
}
