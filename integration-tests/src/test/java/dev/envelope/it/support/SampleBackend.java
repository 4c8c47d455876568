package dev.envelope.it.support;

import java.nio.file.Path;
import java.time.Duration;

/** The sample backend in its own JVM, on a free port. */
public final class SampleBackend implements AutoCloseable {
  private final ForkedJvm jvm;
  private final int port;

  private SampleBackend(ForkedJvm jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  /** Starts it with {@code agentArgs} ({@code null}: no agent at all) and waits until it listens. */
  public static SampleBackend start(Path dir, boolean withAgent, String agentArgs) throws Exception {
    ForkedJvm.Builder b = ForkedJvm.builder(dir);
    if (withAgent) {
      b.withAgent(agentArgs);
    }
    return start(b);
  }

  /** Starts it with what {@code b} says (agent, settings, environment) and waits until it listens. */
  public static SampleBackend start(ForkedJvm.Builder b) throws Exception {
    ForkedJvm jvm = b.jar(ForkedJvm.sampleJar()).args("--port", "0").start();
    try {
      String port = jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(60));
      return new SampleBackend(jvm, Integer.parseInt(port));
    } catch (Throwable t) {
      jvm.close();
      throw t;
    }
  }

  public int port() {
    return port;
  }

  public ForkedJvm jvm() {
    return jvm;
  }

  public Path dir() {
    return jvm.dir();
  }

  /** Stops it as an operator would (SIGTERM) and waits for its shutdown hooks. */
  public int stop() throws Exception {
    return jvm.stop(Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    jvm.close();
  }
}
