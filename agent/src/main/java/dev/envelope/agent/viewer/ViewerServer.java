package dev.envelope.agent.viewer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's own HTTP server, on daemon threads only, so that the viewer never keeps a JVM alive:
 * requests are answered on one thread of ours, and the server's dispatcher thread, which takes its
 * daemon status from the thread that starts it, is started from a daemon thread too.
 */
final class ViewerServer {
  /** Idle connections are few (one browser tab polling); a small backlog is plenty. */
  private static final int BACKLOG = 16;

  private final HttpServer server;
  private final ExecutorService executor;
  private final InetAddress address;

  private ViewerServer(HttpServer server, ExecutorService executor, InetAddress address) {
    this.server = server;
    this.executor = executor;
    this.address = address;
  }

  /** Binds and starts; throws if the address cannot be bound (a port in use, not ours). */
  static ViewerServer start(InetAddress address, int port, ViewerHandler handler)
      throws IOException, InterruptedException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), BACKLOG);
    ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "envelope-agent-viewer");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", handler);
    RuntimeException[] failed = new RuntimeException[1];
    Thread starter = new Thread(() -> {
      try {
        server.start();
      } catch (RuntimeException e) {
        failed[0] = e;
      }
    }, "envelope-agent-viewer-start");
    starter.setDaemon(true);
    starter.start();
    starter.join();
    if (failed[0] != null) {
      server.stop(0);
      executor.shutdownNow();
      throw failed[0];
    }
    return new ViewerServer(server, executor, address);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>/}, as an operator types it. */
  String url() {
    String host = address.getHostAddress();
    if (address instanceof Inet6Address) {
      int scope = host.indexOf('%');
      host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
    }
    return "http://" + host + ":" + port() + "/";
  }

  /** Closes the port at once; a request being answered is cut off rather than waited for. */
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }
}
