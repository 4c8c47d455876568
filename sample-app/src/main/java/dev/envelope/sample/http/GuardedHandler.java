package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Makes sure every exchange gets an answer and is closed. An exception escaping a handler would
 * otherwise leave the JDK server to drop the connection without a status, or, for an {@code
 * Error}, leave it hanging.
 */
public final class GuardedHandler implements HttpHandler {

  private final HttpHandler delegate;

  /** Wraps {@code delegate}. */
  public GuardedHandler(HttpHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      delegate.handle(exchange);
    } catch (Throwable t) {
      System.err.println("sample-app: " + exchange.getRequestMethod() + " "
          + exchange.getRequestURI().getPath() + " failed: " + t);
      t.printStackTrace();
      // -1 means no status has been sent yet, so a 500 can still go out.
      if (exchange.getResponseCode() == -1) {
        try {
          JsonResponses.sendError(exchange, 500, "internal server error");
        } catch (Throwable ignored) {
          // The connection is already broken; closing below is all that is left to do.
        }
      }
      if (t instanceof VirtualMachineError) {
        throw (VirtualMachineError) t;
      }
    } finally {
      exchange.close();
    }
  }
}
