package dev.envelope.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seconds-long form of {@code benchmarks/run.sh}: every JMH benchmark for one short iteration
 * in its own forked JVM with its agent, and each harness section (load, startup, exit, jar) once,
 * briefly — so a benchmark or the harness that breaks fails the build. The figures are not
 * checked: they mean nothing at this length.
 */
class BenchmarkSmokeTest {

  static Map<String, Object> results;
  static Path out;

  @BeforeAll
  static void runSmokeProfile() throws Exception {
    out = Path.of(System.getProperty("envelope.bench.workDir"));
    Harness.Options options = Harness.Options.smoke(
        Path.of(System.getProperty("envelope.bench.agent")),
        Path.of(System.getProperty("envelope.bench.otelAgent")),
        Path.of(System.getProperty("envelope.bench.sampleApp")),
        out)
        // The Java client here; run.sh uses wrk when it is installed (see wrkScriptParses).
        .javaLoad(true);
    results = Harness.run(options);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyBenchmarkRanInItsAgentSetupAndReportedTimeAndAllocation() {
    List<Map<String, Object>> jmh = (List<Map<String, Object>>) results.get("jmh");
    assertThat(jmh).extracting(row -> row.get("benchmark")).containsExactlyInAnyOrder(
        "AdmissionBenchmark.noAgent", "AdmissionBenchmark.otelAgent",
        "AdmissionBenchmark.envelopeAgent", "CaptureShapeBenchmark.scalar",
        "CaptureShapeBenchmark.record", "CaptureShapeBenchmark.nestedPojo",
        "CaptureShapeBenchmark.map", "CaptureShapeBenchmark.largeList");
    for (Map<String, Object> row : jmh) {
      assertThat((Double) row.get("ns_per_op")).as("ns/op of %s", row.get("benchmark")).isPositive();
      assertThat((Double) row.get("alloc_bytes_per_op_all_threads"))
          .as("-prof gc of %s", row.get("benchmark")).isNotNull();
      assertThat((Double) row.get("alloc_bytes_per_op_calling_thread"))
          .as("calling-thread allocation of %s", row.get("benchmark")).isNotNull().isPositive();
      if (!"none".equals(row.get("agent"))) {
        // The agent really exported this method's spans to the local sink.
        assertThat((Long) row.get("spans_exported")).as("spans exported by %s", row.get("benchmark"))
            .isPositive();
        assertThat((Long) row.get("calls_in_fork")).isPositive();
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void loadStartupExitAndJarSectionsProducedFigures() {
    Map<String, Object> load = (Map<String, Object>) ((Map<String, Object>) results.get("load")).get("summary");
    for (String setup : List.of("none", "envelope")) {
      Map<String, Object> s = (Map<String, Object>) load.get(setup);
      assertThat((Double) s.get("requests_per_second")).as("req/s %s", setup).isPositive();
      assertThat((Double) s.get("p99_ms")).as("p99 %s", setup).isPositive();
      assertThat((Double) s.get("peak_rss_mib")).as("RSS %s", setup).isPositive();
      assertThat((Long) s.get("unexpected_answers_or_errors")).as("bad answers %s", setup).isZero();
    }
    Map<String, Object> envelopeRun = ((List<Map<String, Object>>) ((Map<String, Object>)
        ((Map<String, Object>) results.get("load")).get("runs")).get("envelope")).get(0);
    assertThat((Long) envelopeRun.get("events_lines")).as("envelope events written under load")
        .isPositive();

    Map<String, Object> faults = (Map<String, Object>) ((Map<String, Object>) results.get("faults")).get("summary");
    for (String setup : List.of("none", "collector_up", "collector_refusing", "collector_hung")) {
      Map<String, Object> s = (Map<String, Object>) faults.get(setup);
      assertThat((Double) s.get("requests_per_second")).as("req/s %s", setup).isPositive();
      assertThat((Long) s.get("unexpected_answers_or_errors")).as("bad answers %s", setup).isZero();
    }

    Map<String, Object> startup = (Map<String, Object>) ((Map<String, Object>) results.get("startup")).get("summary");
    assertThat((Double) ((Map<String, Object>) startup.get("none")).get("median_ms")).isPositive();
    assertThat((Double) ((Map<String, Object>) startup.get("envelope")).get("median_ms")).isPositive();

    Map<String, Object> exit = (Map<String, Object>) results.get("exit");
    assertThat((Double) ((Map<String, Object>) exit.get("up")).get("median_ms")).isPositive();
    assertThat((Double) ((Map<String, Object>) exit.get("down")).get("median_ms")).isPositive();

    assertThat((Long) ((Map<String, Object>) results.get("jars")).get("envelope_agent_bytes")).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void reportsEveryTargetInJsonAndMarkdown() throws Exception {
    List<Map<String, Object>> targets = (List<Map<String, Object>>) results.get("targets");
    assertThat(targets).extracting(t -> t.get("id")).containsExactly("admission_overhead",
        "allocation", "throughput", "p99_latency", "startup", "peak_rss", "exit_backend_down",
        "collector_refusing", "collector_hung", "jar_size");
    assertThat(Files.readString(out.resolve("results.json"))).contains("\"targets\"");
    assertThat(Files.readString(out.resolve("results.md"))).contains("| target | figure |");
  }

  @Test
  void wrkScriptParses() throws Exception {
    String version = Load.Wrk.version();
    org.junit.jupiter.api.Assumptions.assumeTrue(version != null, "wrk is not installed");
    Path dir = out.resolve("runs").resolve("wrk-smoke");
    try (SampleProcess app = SampleProcess.start(
        Path.of(System.getProperty("envelope.bench.sampleApp")), List.of(), dir)) {
      app.awaitFirstServedNanos(60_000);
      Load.Wrk wrk = new Load.Wrk(version);
      Load.Result inference = wrk.run(app.port, 2, 1, Load.Workload.inference(app.deploy()), dir);
      assertThat(inference.requests()).isPositive();
      assertThat(inference.ok()).isEqualTo(inference.requests());
      assertThat(inference.p99Millis()).isPositive();
      // One connection: concurrent deletes trip the sample backend's shared path variable.
      Load.Result cycles = wrk.run(app.port, 1, 1, Load.Workload.deployDelete(), dir);
      assertThat(cycles.ok()).isPositive();
      assertThat(cycles.otherStatus()).isZero();
      app.stopNanos(30_000);
    }
  }
}
