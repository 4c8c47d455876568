package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpExchange;
import dev.envelope.sample.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends compact JSON answers. Every answer of this server goes through here. */
public final class JsonResponses {

  /** The media type of every answer; JSON is UTF-8 by definition, so no charset parameter. */
  public static final String CONTENT_TYPE = "application/json";

  private JsonResponses() {}

  /** The body of every error answer: {@code {"error":"<message>"}}. */
  public static Map<String, Object> error(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    return body;
  }

  /**
   * Sends {@code status} with {@code body} as JSON. A {@code HEAD} request gets the headers only,
   * because the JDK server refuses a body on it.
   */
  public static void send(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = JsonWriter.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Sends an error answer. */
  public static void sendError(HttpExchange exchange, int status, String message)
      throws IOException {
    send(exchange, status, error(message));
  }
}
