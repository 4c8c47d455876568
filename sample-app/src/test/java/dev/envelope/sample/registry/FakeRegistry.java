package dev.envelope.sample.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the registry service in tests: a JDK HttpServer on a free loopback port that
 * records what it receives and answers what it was told to.
 */
public final class FakeRegistry implements AutoCloseable {

  /** One request as the fake saw it; header names are lower case. */
  public record Received(String method, String path, Map<String, List<String>> headers,
      String body) {

    /** The first value of {@code name}, or {@code null}. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile int status = 201;
  private volatile String body = "{\"catalog_id\":\"cat-000042\",\"deployment_id\":\"x\",\"replicas\":1}";
  private volatile boolean hang;

  private FakeRegistry(HttpServer server) {
    this.server = server;
  }

  /** Starts a fake that answers {@code 201} with catalog id {@code cat-000042}. */
  public static FakeRegistry start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeRegistry fake = new FakeRegistry(server);
    server.createContext("/", exchange -> {
      try (exchange) {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) ->
            headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
        fake.received.add(new Received(exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(), headers, text));
        if (fake.hang) {
          try {
            fake.release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        byte[] bytes = fake.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(fake.status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException ignored) {
        // The client gave up (a timeout test); nothing to answer.
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-registry");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return fake;
  }

  /** From now on answers {@code status} with {@code body}. */
  public FakeRegistry answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  /** From now on holds every answer until closed, so clients time out. */
  public FakeRegistry hang() {
    this.hang = true;
    return this;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** What it has received, oldest first. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
