package dev.envelope.agent.record;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;

/**
 * Whether anything listens where spans are exported. At shutdown the exporter retries a refused
 * connection with back-off for seconds; a collector that is down must not hold the JVM's exit for
 * that, and one that is up must get the spans still queued.
 */
final class CollectorProbe {
  private CollectorProbe() {}

  /** True when any endpoint accepts a TCP connection within {@code timeoutMillis}. */
  static boolean anyReachable(List<URI> endpoints, int timeoutMillis) {
    for (URI endpoint : endpoints) {
      if (reachable(endpoint, timeoutMillis)) {
        return true;
      }
    }
    return false;
  }

  static boolean reachable(URI endpoint, int timeoutMillis) {
    String host = endpoint.getHost();
    if (host == null) {
      return true;
    }
    int port = endpoint.getPort() != -1 ? endpoint.getPort()
        : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
