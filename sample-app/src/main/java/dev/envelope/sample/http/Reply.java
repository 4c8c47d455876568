package dev.envelope.sample.http;

import java.util.Map;

/**
 * A successful answer of an endpoint: status, JSON body and extra headers.
 *
 * @param status the HTTP status, e.g. {@code 201}
 * @param body the JSON object to send, in its documented key order
 * @param headers extra response headers, e.g. {@code Location}
 */
record Reply(int status, Map<String, Object> body, Map<String, String> headers) {

  /** A reply without extra headers. */
  static Reply of(int status, Map<String, Object> body) {
    return new Reply(status, body, Map.of());
  }
}
