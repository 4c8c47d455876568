package dev.envelope.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Zipkin server (the {@code io.zipkin:zipkin-server} executable jar the build fetches from
 * Maven Central) in its own JVM: in-memory storage, listening on a free port of 127.0.0.1 only.
 */
public final class ZipkinServer implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("Serving HTTP at /127\\.0\\.0\\.1:(\\d+)");
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final Process process;
  private final Path log;
  private final int port;

  private ZipkinServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** The jar the build fetched ({@code envelope.it.zipkinJar}). */
  public static Path jar() {
    Path p = Paths.get(System.getProperty("envelope.it.zipkinJar", "")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("envelope.it.zipkinJar points at " + p
          + ", which does not exist: run 'mvn verify' (its pre-integration-test phase fetches it)");
    }
    return p;
  }

  /** Starts Zipkin with its output in {@code dir}/zipkin.log and waits until it is healthy. */
  public static ZipkinServer start(Path dir) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", jar().toString(),
        // Port 0: the OS picks a free one, read back from Armeria's "Serving HTTP at" line.
        "--armeria.ports[0].ip=127.0.0.1",
        "--armeria.ports[0].port=0",
        "--armeria.ports[0].protocols[0]=http",
        "--zipkin.storage.type=mem",
        "--zipkin.self-tracing.enabled=false",
        "--spring.main.banner-mode=off"));
    Path log = dir.resolve("zipkin.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // Zipkin reads its settings from the environment too (STORAGE_TYPE, KAFKA_BOOTSTRAP_SERVERS, ...):
    // none of the build environment's may leak in.
    Map<String, String> env = pb.environment();
    String path = env.get("PATH");
    env.clear();
    if (path != null) {
      env.put("PATH", path);
    }
    Files.writeString(dir.resolve("zipkin-command.txt"), String.join(" ", cmd));
    ZipkinServer server = null;
    Process process = pb.start();
    try {
      int port = awaitPort(process, log, Duration.ofSeconds(60));
      server = new ZipkinServer(process, log, port);
      server.awaitHealthy(Duration.ofSeconds(30));
      return server;
    } catch (Throwable t) {
      destroyTree(process);
      throw t;
    }
  }

  private static int awaitPort(Process process, Path log, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!process.isAlive()) {
        throw new AssertionError("Zipkin exited (" + process.exitValue() + ") before serving:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Zipkin did not serve within " + timeout + ":\n"
        + Files.readString(log, StandardCharsets.UTF_8));
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = get("/health");
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200 && Events.parse(r.body()).path("status").asText().equals("UP")) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Zipkin not healthy within " + timeout + ": " + last + "\n" + log());
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).GET().build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON answer of Zipkin's HTTP API ({@code /api/v2/...}); anything but 200 fails. */
  public JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = get(pathAndQuery);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return Events.parse(r.body());
  }

  /** The spans of one trace, or an empty list while Zipkin has none of it (404). */
  public List<JsonNode> trace(String traceId) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v2/trace/" + traceId);
    List<JsonNode> spans = new ArrayList<>();
    if (r.statusCode() == 404) {
      return spans;
    }
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /api/v2/trace/" + traceId + " answered " + r.statusCode()
          + ": " + r.body());
    }
    Events.parse(r.body()).forEach(spans::add);
    return spans;
  }

  /** Stops Zipkin and whatever it started; never leaves a process behind. */
  @Override
  public void close() {
    destroyTree(process);
  }

  private static void destroyTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
