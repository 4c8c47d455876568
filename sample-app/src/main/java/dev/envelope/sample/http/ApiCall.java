package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpExchange;
import dev.envelope.sample.json.JsonParseException;
import dev.envelope.sample.json.JsonParser;
import dev.envelope.sample.serving.RequestContext;
import java.io.IOException;
import java.util.Map;

/**
 * One authenticated request as an endpoint sees it: the caller, the headers admission reads, the
 * path variables and the body. Reading the body here, after authentication, keeps a stranger from
 * making the server read or parse anything.
 */
final class ApiCall {

  /** Largest accepted request body. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpExchange exchange;
  private final RequestContext context;

  ApiCall(HttpExchange exchange, RequestContext context) {
    this.exchange = exchange;
    this.context = context;
  }

  /** The authenticated caller. */
  RequestContext context() {
    return context;
  }

  /** The trimmed header value, or {@code null} when absent or blank. */
  String header(String name) {
    return trimToNull(exchange.getRequestHeaders().getFirst(name));
  }

  /** The {@code X-Workspace} header, or {@code null}. */
  String workspace() {
    return header("X-Workspace");
  }

  /** The {@code X-Audit-Level} header, or {@code null}. */
  String auditLevel() {
    return header("X-Audit-Level");
  }

  /** The value of a {@code {name}} segment of the routed path. */
  String pathVariable(String name) {
    return Router.pathVariable(exchange, name);
  }

  /** The query of the request URI, still encoded, or {@code null}. */
  String rawQuery() {
    return exchange.getRequestURI().getRawQuery();
  }

  /**
   * Reads and parses the body, which must be one JSON object.
   *
   * @throws HttpFailure {@code 413} when too large, {@code 400} when not UTF-8, not JSON or not an
   *     object
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> jsonObject() throws IOException {
    String text = RequestBodyReader.read(exchange, MAX_BODY_BYTES);
    Object json;
    try {
      json = JsonParser.parse(text);
    } catch (JsonParseException e) {
      throw new HttpFailure(400, "malformed JSON: " + e.getMessage());
    }
    if (!(json instanceof Map)) {
      throw new HttpFailure(400, "request body must be a JSON object");
    }
    return (Map<String, Object>) json;
  }

  static String trimToNull(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
