package dev.envelope.bench.harness;

import dev.envelope.bench.AdmissionBenchmark;
import dev.envelope.bench.CaptureShapeBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks through JMH's {@link Runner}, one run per agent setup, each with the
 * forked JVM arguments of that setup: JMH annotations cannot name jars that are only known at run
 * time, and a command-line {@code -jvmArgsAppend} would apply to every benchmark alike.
 */
final class JmhSuite {

  /** Iterations and forks. */
  record Settings(int warmupIterations, int warmupMillis, int measurementIterations,
      int measurementMillis, int forks, boolean gcProfiler, boolean breakdown) {}

  /**
   * One benchmark to run, with its agent setup, the span name its agent exports, and for the
   * breakdown runs a label and the extra settings that switch part of the agent's recording off.
   */
  record Entry(Class<?> benchmark, String method, AgentSetup agent, String spanName,
      String variant, List<String> extraArgs) {}

  static final List<Entry> ENTRIES = List.of(
      new Entry(AdmissionBenchmark.class, "noAgent", AgentSetup.NONE, null, null, List.of()),
      new Entry(AdmissionBenchmark.class, "otelAgent", AgentSetup.OTEL,
          "DeployService.deployModel", null, List.of()),
      new Entry(AdmissionBenchmark.class, "envelopeAgent", AgentSetup.ENVELOPE,
          "bench.deploy_model", null, List.of()),
      new Entry(CaptureShapeBenchmark.class, null, AgentSetup.ENVELOPE, "bench.", null, List.of()));

  /** Where the envelope agent's cost goes: the same benchmark with parts of its recording off. */
  static final List<Entry> BREAKDOWN = List.of(
      new Entry(AdmissionBenchmark.class, "envelopeAgent", AgentSetup.ENVELOPE,
          "bench.deploy_model", "events file off", List.of("-Denvelope.events.file=none")),
      new Entry(AdmissionBenchmark.class, "envelopeAgent", AgentSetup.ENVELOPE,
          null, "spans off", List.of("-Dotel.traces.exporter=none")),
      new Entry(AdmissionBenchmark.class, "envelopeAgent", AgentSetup.ENVELOPE, null,
          "events file and spans off",
          List.of("-Denvelope.events.file=none", "-Dotel.traces.exporter=none")));

  private JmhSuite() {}

  static List<Map<String, Object>> run(AgentSetup.Paths paths, Settings settings, OtlpSink sink,
      Path workDir, Path logDir) throws RunnerException, IOException {
    Files.createDirectories(workDir);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Entry> entries = new ArrayList<>(ENTRIES);
    if (settings.breakdown()) {
      entries.addAll(BREAKDOWN);
    }
    for (Entry entry : entries) {
      String include = "^" + Pattern.quote(entry.benchmark().getName() + ".")
          + (entry.method() == null ? "" : Pattern.quote(entry.method()) + "$");
      List<String> agentArgs = new ArrayList<>(
          entry.agent().jvmArgs(paths, sink.endpoint(), "envelope-bench"));
      if (entry.agent() == AgentSetup.ENVELOPE || entry.agent() == AgentSetup.BOTH) {
        agentArgs.add("-Denvelope.events.file=" + workDir.resolve("jmh-events.jsonl"));
      }
      agentArgs.addAll(entry.extraArgs());
      ChainedOptionsBuilder options = new OptionsBuilder()
          .include(include)
          .warmupIterations(settings.warmupIterations())
          .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
          .measurementIterations(settings.measurementIterations())
          .measurementTime(TimeValue.milliseconds(settings.measurementMillis()))
          .forks(settings.forks())
          .jvmArgs("-Xms1g", "-Xmx1g", "-D" + dev.envelope.bench.Agents.SINK + "=" + sink.endpoint())
          .jvmArgsAppend(agentArgs.toArray(new String[0]))
          .shouldFailOnError(true)
          .timeout(TimeValue.minutes(2));
      if (settings.gcProfiler()) {
        options.addProfiler(GCProfiler.class);
      }
      if (logDir != null) {
        Files.createDirectories(logDir);
        options.output(logDir.resolve("jmh-" + (entries.indexOf(entry) + 1) + ".log").toString());
      }
      Map<String, Long> spansBefore = sink.spans();
      Map<String, Long> callsBefore = sink.calls();
      Collection<RunResult> results = new Runner(options.build()).run();
      if (results.isEmpty()) {
        throw new RunnerException("JMH ran nothing for " + include);
      }
      Map<String, Long> spans = delta(spansBefore, sink.spans());
      Map<String, Long> calls = delta(callsBefore, sink.calls());
      deleteEvents(workDir);
      for (RunResult result : results) {
        rows.add(row(result, entry, spans, calls));
      }
    }
    return rows;
  }

  @SuppressWarnings("rawtypes") // JMH's RunResult hands out raw Result types
  private static Map<String, Object> row(RunResult result, Entry entry, Map<String, Long> spans,
      Map<String, Long> calls) {
    String full = result.getParams().getBenchmark();
    String shortName = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
    String method = full.substring(full.lastIndexOf('.') + 1);
    Map<String, Result> secondary = result.getSecondaryResults();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("benchmark", shortName);
    row.put("agent", entry.agent().key());
    row.put("variant", entry.variant());
    row.put("ns_per_op", result.getPrimaryResult().getScore());
    row.put("ns_per_op_error", result.getPrimaryResult().getScoreError());
    row.put("alloc_bytes_per_op_all_threads", score(secondary, "gc.alloc.rate.norm"));
    Double callingBytes = score(secondary, "callingThreadBytes");
    Double callCount = score(secondary, "calls");
    row.put("alloc_bytes_per_op_calling_thread",
        callingBytes == null || callCount == null || callCount == 0 ? null : callingBytes / callCount);
    row.put("gc_count", score(secondary, "gc.count"));
    row.put("gc_time_ms", score(secondary, "gc.time"));
    row.put("iterations", result.getPrimaryResult().getSampleCount());
    if (entry.spanName() != null) {
      String spanName = entry.benchmark() == CaptureShapeBenchmark.class
          ? "bench." + snake(method) : entry.spanName();
      long exported = spans.getOrDefault(spanName, 0L);
      Long made = calls.get(full);
      row.put("span_name", spanName);
      row.put("spans_exported", exported);
      row.put("calls_in_fork", made);
      row.put("spans_exported_per_call", made == null || made == 0 ? null : (double) exported / made);
    }
    return row;
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }

  @SuppressWarnings("rawtypes")
  private static Double score(Map<String, Result> secondary, String key) {
    Result r = secondary.get(key);
    return r == null ? null : r.getScore();
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> d = new LinkedHashMap<>();
    after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
    return d;
  }

  private static void deleteEvents(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().startsWith("jmh-events")) {
          Files.deleteIfExists(f);
        }
      }
    }
  }
}
