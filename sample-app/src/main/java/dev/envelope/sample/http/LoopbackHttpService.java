package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on 127.0.0.1 with a fixed pool of named worker threads, serving one router
 * behind the catch-all guard; what both sample services share.
 */
final class LoopbackHttpService implements AutoCloseable {
  static final String HOST = "127.0.0.1";

  private final HttpServer server;
  private final ExecutorService executor;

  private LoopbackHttpService(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving {@code router}; port 0 picks a free one. */
  static LoopbackHttpService start(int port, Router router, int threads, String threadPrefix)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
    server.createContext("/", new GuardedHandler(router));
    AtomicInteger count = new AtomicInteger();
    // A bound pool keeps a burst of requests from spawning unbounded threads.
    ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, threadPrefix + count.incrementAndGet());
      thread.setDaemon(false);
      return thread;
    });
    server.setExecutor(executor);
    server.start();
    return new LoopbackHttpService(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI baseUri() {
    return URI.create("http://" + HOST + ":" + port());
  }

  /** Stops accepting, then lets running exchanges finish briefly before giving up on them. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
