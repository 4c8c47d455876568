package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpServer;
import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.registry.ModelRegistry;
import dev.envelope.sample.serving.SequentialIds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model registry service on 127.0.0.1: {@code POST /registry/deployments}, answered for the
 * service tokens of {@link TokenAuthenticator#services()}. Shares the serving backend's HTTP frame
 * ({@code 400}/{@code 401}/{@code 403} before admission, JSON errors) and knows nothing of tracing.
 */
public final class RegistryServer implements AutoCloseable {

  /** The registration endpoint. */
  public static final String DEPLOYMENTS_PATH = "/registry/deployments";

  /** Worker threads. */
  public static final int THREADS = 4;

  private static final String HOST = "127.0.0.1";

  private final HttpServer server;
  private final ExecutorService executor;

  private RegistryServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a registry with the service tokens and an empty catalog; port 0 picks a free one. */
  public static RegistryServer start(int port) throws IOException {
    return start(port, TokenAuthenticator.services(), ModelRegistry.standard());
  }

  /** Starts a registry over the given authenticator and registry; port 0 picks a free one. */
  public static RegistryServer start(int port, TokenAuthenticator authenticator,
      ModelRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
    Router router = new Router()
        .route("POST", DEPLOYMENTS_PATH, new ApiHandler(authenticator, new SequentialIds("req-"),
            new RegisterDeploymentEndpoint(registry)));
    server.createContext("/", new GuardedHandler(router));
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, workerThreads());
    server.setExecutor(executor);
    server.start();
    return new RegistryServer(server, executor);
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
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

  private static ThreadFactory workerThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "registry-http-" + count.incrementAndGet());
      thread.setDaemon(false);
      return thread;
    };
  }
}
