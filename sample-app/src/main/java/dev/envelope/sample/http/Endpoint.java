package dev.envelope.sample.http;

import java.io.IOException;

/**
 * What one route does once {@link ApiHandler} has authenticated the caller: bind the request, call
 * the admission method, and say what to answer. Refusals are thrown; {@link ApiHandler} maps them
 * to statuses.
 */
@FunctionalInterface
interface Endpoint {

  /** Handles {@code call} and returns the successful answer. */
  Reply handle(ApiCall call) throws IOException;
}
