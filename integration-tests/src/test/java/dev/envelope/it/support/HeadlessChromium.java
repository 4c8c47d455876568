package dev.envelope.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium} in headless mode, driven over the DevTools protocol as a person drives a
 * browser: open a page, wait until it shows something, click, read the text, take a screenshot.
 * Only loopback is involved: the DevTools port is bound to 127.0.0.1 and every network feature
 * that would reach outside (sync, component updates, background networking, QUIC) is off.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path BINARY = Paths.get("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL = Duration.ofSeconds(30);

  private final Process process;
  private final Path stderr;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, Path stderr, WebSocket socket) {
    this.process = process;
    this.stderr = stderr;
    this.socket = socket;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts Chromium with a fresh profile under {@code dir} and a {@code width x height} window. */
  public static HeadlessChromium start(Path dir, int width, int height) throws Exception {
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    Path out = dir.resolve("chromium-stdout.txt");
    Path err = dir.resolve("chromium-stderr.txt");
    List<String> cmd = List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank");
    Files.writeString(dir.resolve("chromium-command.txt"), String.join(" ", cmd));
    Process process = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      int port = devToolsPort(process, profile.resolve("DevToolsActivePort"), err);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String pageSocket = null;
      long deadline = System.nanoTime() + CALL.toNanos();
      while (pageSocket == null && System.nanoTime() < deadline) {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(CALL).build(),
            HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(list.body())) {
          if ("page".equals(target.path("type").asText())) {
            pageSocket = target.get("webSocketDebuggerUrl").asText();
          }
        }
        if (pageSocket == null) {
          Thread.sleep(100);
        }
      }
      if (pageSocket == null) {
        throw new AssertionError("Chromium shows no page target on its DevTools port");
      }
      Receiver receiver = new Receiver();
      WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), receiver)
          .get(CALL.toMillis(), TimeUnit.MILLISECONDS);
      HeadlessChromium chromium = new HeadlessChromium(process, err, socket);
      receiver.owner = chromium;
      chromium.call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode()
          .put("width", width).put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
      return chromium;
    } catch (Throwable t) {
      destroy(process);
      throw t;
    }
  }

  private static int devToolsPort(Process process, Path file, Path err) throws Exception {
    long deadline = System.nanoTime() + CALL.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).trim());
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("chromium exited (" + process.exitValue() + "):\n"
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("chromium wrote no DevToolsActivePort within " + CALL + ":\n"
        + Files.readString(err, StandardCharsets.UTF_8));
  }

  /** One DevTools command; returns its {@code result}, fails on an {@code error}. */
  public JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(JSON.writeValueAsString(message), true).get(CALL.toMillis(), TimeUnit.MILLISECONDS);
    JsonNode reply = answer.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  public void navigate(String url) throws Exception {
    call("Page.navigate", JSON.createObjectNode().put("url", url));
  }

  /** The value of a JavaScript expression (awaited if it is a promise). */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError("JavaScript failed: " + expression + "\n" + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** The page's visible text. */
  public String text() throws Exception {
    return evaluate("document.body ? document.body.innerText : ''").asText();
  }

  /** Waits until the page's visible text contains every one of {@code needles}. */
  public void awaitText(Duration timeout, String... needles) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      text = text();
      boolean all = true;
      for (String needle : needles) {
        all &= text.contains(needle);
      }
      if (all) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the page never showed " + List.of(needles) + " within " + timeout
        + "; it shows:\n" + text);
  }

  /** A PNG of the viewport, written to {@code file}. */
  public void screenshot(Path file) throws Exception {
    JsonNode result = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
  }

  public String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      call("Browser.close", JSON.createObjectNode());
    } catch (Exception | AssertionError ignored) {
      // it is destroyed below anyway
    }
    socket.abort();
    destroy(process);
  }

  private static void destroy(Process process) {
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void received(String message) {
    try {
      JsonNode node = JSON.readTree(message);
      if (node.has("id")) {
        CompletableFuture<JsonNode> answer = pending.remove(node.get("id").asInt());
        if (answer != null) {
          answer.complete(node);
        }
      }
    } catch (IOException e) {
      pending.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  /** Reassembles DevTools messages, which large results (screenshots) split over frames. */
  private static final class Receiver implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();
    private final List<String> early = new ArrayList<>();
    volatile HeadlessChromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String message = buffer.toString();
        buffer.setLength(0);
        HeadlessChromium o = owner;
        if (o == null) {
          early.add(message);
        } else {
          early.forEach(o::received);
          early.clear();
          o.received(message);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
