package dev.envelope.bench;

import dev.envelope.bench.model.CallerContext;
import dev.envelope.bench.model.DeployRequest;
import dev.envelope.bench.model.DeployService;
import dev.envelope.bench.model.Deployment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One admission — a caller object, a request DTO with nested resources, one grant — measured three
 * ways on the same method ({@link DeployService#deployModel}): without an agent, with the
 * OpenTelemetry Java agent (its {@code @WithSpan} and {@code @SpanAttribute} on the same
 * parameters), and with the envelope agent. The three methods are identical; only the forked JVM's
 * arguments differ (set by the harness), and each checks at setup that it got the right ones.
 * Both agents export OTLP/HTTP to a local sink; the envelope agent also writes its events file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class AdmissionBenchmark {

  private DeployService service;
  private CallerContext caller;
  private DeployRequest request;

  @Setup(Level.Trial)
  public void setUp() {
    service = new DeployService();
    caller = DeployService.sampleCaller();
    request = DeployService.sampleRequest();
  }

  @Benchmark
  public Deployment noAgent(Agents.None agent, CallingThread thread) {
    thread.calls++;
    return service.deployModel(caller, request);
  }

  @Benchmark
  public Deployment otelAgent(Agents.Otel agent, CallingThread thread) {
    thread.calls++;
    return service.deployModel(caller, request);
  }

  @Benchmark
  public Deployment envelopeAgent(Agents.Envelope agent, CallingThread thread) {
    thread.calls++;
    return service.deployModel(caller, request);
  }
}
