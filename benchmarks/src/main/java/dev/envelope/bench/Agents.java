package dev.envelope.bench;

import dev.envelope.annotations.Envelopes;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Which agent a forked benchmark JVM must run with. Each benchmark method takes one of these
 * states, so a run with the wrong JVM arguments fails at setup instead of measuring the wrong
 * thing. The agents come from the fork's JVM arguments ({@code -javaagent:}), which the harness
 * ({@code dev.envelope.bench.harness.JmhSuite}) sets per benchmark from the jar paths it is given.
 */
public final class Agents {

  /** The system property that must point the agents' OTLP exporters at a local sink. */
  public static final String ENDPOINT = "otel.exporter.otlp.endpoint";

  /** The harness's sink, told how many calls a fork made, so exported spans can be set against them. */
  public static final String SINK = "envelope.bench.sink";

  private Agents() {}

  /** Reports the fork's calls to the harness's sink, if there is one. */
  public abstract static class Reporting {
    @TearDown(Level.Trial)
    public void report(BenchmarkParams params) throws IOException {
      String sink = System.getProperty(SINK);
      if (sink == null) {
        return;
      }
      URI uri = URI.create(sink);
      byte[] body = (params.getBenchmark() + " " + CallingThread.trialCalls)
          .getBytes(StandardCharsets.UTF_8);
      // A raw socket: no HTTP client an agent instruments, so no span of its own.
      try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /bench/calls HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Length: "
            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        socket.getInputStream().readAllBytes();
      }
    }
  }

  /** No agent at all. */
  @State(Scope.Benchmark)
  public static class None extends Reporting {
    @Setup(Level.Trial)
    public void check() {
      require(false, false);
    }
  }

  /** The OpenTelemetry Java agent only. */
  @State(Scope.Benchmark)
  public static class Otel extends Reporting {
    @Setup(Level.Trial)
    public void check() {
      require(true, false);
    }
  }

  /** The envelope agent only. */
  @State(Scope.Benchmark)
  public static class Envelope extends Reporting {
    @Setup(Level.Trial)
    public void check() {
      require(false, true);
      if (!new Probe().insideAdmission()) {
        throw new IllegalStateException("the envelope agent is attached but did not open an"
            + " envelope around an @ExecutionAdmission method");
      }
    }
  }

  static void require(boolean otel, boolean envelope) {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    boolean hasOtel = hasAgent(args, "opentelemetry-javaagent");
    boolean hasEnvelope = hasAgent(args, "envelope-agent");
    if (hasOtel != otel || hasEnvelope != envelope) {
      throw new IllegalStateException("this benchmark needs "
          + (otel ? "the OpenTelemetry Java agent" : envelope ? "the envelope agent" : "no agent")
          + " but the JVM runs with " + args + ". Run it through benchmarks/run.sh or"
          + " dev.envelope.bench.harness.Harness, which set -javaagent: per benchmark.");
    }
    if ((otel || envelope) && System.getProperty(ENDPOINT) == null) {
      throw new IllegalStateException("-D" + ENDPOINT + " is not set: the agents would not export"
          + " to a local sink (the envelope agent would print spans on stdout instead)");
    }
  }

  private static boolean hasAgent(List<String> args, String jarName) {
    for (String arg : args) {
      if (arg.startsWith("-javaagent:") && arg.contains(jarName)) {
        return true;
      }
    }
    return false;
  }

  /** An admission whose body says whether the agent made an envelope current. */
  public static class Probe {
    @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "bench", operation = "probe")
    public boolean insideAdmission() {
      return Envelopes.current().isPresent();
    }
  }
}
