package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.DeployCycles;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace backend down (connection refused) or hung (accepts, never answers): the service
 * answers as without the agent, its memory stays within the export queue's bound, the events file
 * holds every envelope, and the spans that could not be exported are counted and reported once.
 */
class FailingCollectorIT {
  private static final int THREADS = 4;
  private static final int CYCLES = 1500;
  /** The sample app's heap: an export backlog without bound would not fit. */
  private static final String HEAP = "-Xmx96m";
  private static final Pattern NOT_EXPORTED = Pattern.compile(
      "(\\d+) of (\\d+) spans were not exported to (\\S+): (\\d+) in failed exports.*, (\\d+)"
          + " dropped from the full export queue or unsent at exit");

  static Run baseline;

  @BeforeAll
  static void withoutAgent() throws Exception {
    baseline = Run.of("collector-baseline", null, false);
    System.out.println("no agent: " + baseline.load);
  }

  @Test
  void aRefusingCollectorCostsTheSpansOnly() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Run run = Run.of("collector-refused", "http://127.0.0.1:" + closedPort, true);
    System.out.println("collector refused: " + run.load + ", heap after GC " + run.heapKib
        + " KiB, exit " + run.exitMillis + " ms; " + run.diagnostics);
    run.assertServedAndRecordedEverything();
    Matcher m = run.notExported();
    assertThat(Long.parseLong(m.group(1))).as("every span is accounted as not exported")
        .isEqualTo(run.envelopes());
    assertThat(Long.parseLong(m.group(4)) + Long.parseLong(m.group(5)))
        .isEqualTo(Long.parseLong(m.group(1)));
    assertThat(m.group(0)).contains("(first: ConnectException");
  }

  @Test
  void aCollectorThatNeverAnswersCostsTheSpansOnly() throws Exception {
    try (Blackhole hole = Blackhole.start()) {
      Run run = Run.of("collector-hung", "http://127.0.0.1:" + hole.port(), true);
      System.out.println("collector hung: " + run.load + ", heap after GC " + run.heapKib
          + " KiB, exit " + run.exitMillis + " ms; " + run.diagnostics);
      assertThat(hole.connections()).as("the exporter did try").isPositive();
      run.assertServedAndRecordedEverything();
      Matcher m = run.notExported();
      assertThat(Long.parseLong(m.group(1))).isEqualTo(run.envelopes());
      assertThat(run.exitMillis).as("shutdown waits a bounded time for a hung collector")
          .isLessThan(15_000);
    }
  }

  /** One sample-app run under load. */
  static final class Run {
    DeployCycles load;
    Events events;
    List<String> diagnostics;
    long heapKib;
    long exitMillis;

    static Run of(String name, String endpoint, boolean agent) throws Exception {
      Path dir = ForkedJvm.newWorkDir(name);
      Run run = new Run();
      ForkedJvm.Builder builder = ForkedJvm.builder(dir).jvmArg(HEAP);
      if (agent) {
        builder.withAgent().env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
      }
      try (ForkedJvm jvm = builder.jar(ForkedJvm.sampleJar()).args("--port", "0").start()) {
        int port = Integer.parseInt(jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
            Duration.ofSeconds(60)));
        DeployCycles.run(port, THREADS, 100, "warm-"); // JIT and connections, not measured
        run.load = DeployCycles.run(port, THREADS, CYCLES, "req-");
        run.heapKib = heapAfterGc(jvm.pid());
        long stop = System.nanoTime();
        assertThat(jvm.stop(Duration.ofSeconds(60))).isIn(0, 143);
        run.exitMillis = (System.nanoTime() - stop) / 1_000_000;
        run.diagnostics = jvm.agentDiagnostics();
      }
      if (agent) {
        run.events = Events.read(dir.resolve("envelope-events.jsonl"));
      }
      return run;
    }

    long envelopes() {
      return events.byEnvelope().size();
    }

    void assertServedAndRecordedEverything() {
      assertThat(load.errors()).isZero();
      assertThat(load.statuses().values()).containsOnly(201, 200);
      assertThat(load.requests()).isEqualTo(baseline.load.requests());
      assertThat(load.millis(1.0)).as("no request waits on the collector").isLessThan(2_000);
      assertThat(heapKib).as("heap after GC, KiB").isLessThan(64 * 1024);

      Map<String, List<JsonNode>> envelopes = events.byEnvelope();
      assertThat(envelopes).as("one envelope per request, warm-up included")
          .hasSize(load.requests() + 200);
      for (List<JsonNode> envelope : envelopes.values()) {
        assertThat(envelope.get(envelope.size() - 1).get("event").asText())
            .isEqualTo("envelope.finalized");
      }
    }

    Matcher notExported() {
      List<String> lines = new ArrayList<>();
      for (String d : diagnostics) {
        if (d.contains("spans were not exported")) {
          lines.add(d);
        }
      }
      assertThat(lines).as("the loss is reported once: " + diagnostics).hasSize(1);
      Matcher m = NOT_EXPORTED.matcher(lines.get(0));
      assertThat(m.find()).as(lines.get(0)).isTrue();
      assertThat(Long.parseLong(m.group(2))).as("spans handed to the exporter")
          .isEqualTo(envelopes());
      // Each other SDK warning is said at most once a minute, so at most once in this run.
      assertThat(diagnostics.stream().filter(d -> !d.contains("spans were not exported")))
          .doesNotHaveDuplicates();
      return m;
    }
  }

  /** Used heap after a full GC, from {@code jcmd}: what the process keeps, not what it made. */
  static long heapAfterGc(long pid) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, String.valueOf(pid), "GC.run");
    String info = run(jcmd, String.valueOf(pid), "GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    assertThat(m.find()).as(info).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  /** Accepts connections and reads what comes, but never answers. */
  static final class Blackhole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private Blackhole(ServerSocket server) {
      this.server = server;
    }

    static Blackhole start() throws IOException {
      Blackhole hole = new Blackhole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      Thread accept = new Thread(hole::accept, "blackhole");
      accept.setDaemon(true);
      accept.start();
      return hole;
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return sockets.size();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          sockets.add(s);
          Thread drain = new Thread(() -> {
            try (InputStream in = s.getInputStream()) {
              in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
              // closed
            }
          }, "blackhole-read");
          drain.setDaemon(true);
          drain.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
