package dev.envelope.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code benchmarks/run.sh} measures, in one JVM: the JMH suite (through
 * {@link JmhSuite}), a load run of the sample backend, startup time, peak RSS, exit delay with the
 * trace backend down, and the agent jar's size. Writes {@code results.json} and {@code results.md}
 * to the output directory and prints the targets table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.envelope.bench.harness.Harness \
 *     --agent agent/target/envelope-agent.jar --otel-agent benchmarks/target/otel/opentelemetry-javaagent.jar \
 *     --sample-app sample-app/target/envelope-sample-app.jar --out benchmarks/target/perf [--profile smoke]
 *     [--sections jmh,load,faults,startup,exit,jar] [--fault-rounds N] [--java-load] [--workload inference|deploy-delete]
 *     [--no-jmh-breakdown] [--jmh-warmup N] [--jmh-iterations N]
 *     [--jmh-time-ms N] [--forks N] [--connections N] [--load-warmup S] [--load-seconds S]
 *     [--load-rounds N] [--startup-runs N] [--exit-runs N]
 * </pre>
 */
public final class Harness {

  /** What to run and how long. */
  public static final class Options {
    Path agent;
    Path otelAgent;
    Path sampleApp;
    Path out = Path.of("benchmarks/target/perf");
    String profile = "full";
    Set<String> sections =
        new LinkedHashSet<>(List.of("jmh", "load", "faults", "startup", "exit", "jar"));
    int jmhWarmup = 3;
    int jmhIterations = 5;
    int jmhMillis = 2000;
    int forks = 1;
    boolean gcProfiler = true;
    int connections = 8;
    int loadWarmup = 10;
    int loadSeconds = 15;
    int loadRounds = 2;
    int faultRounds = 1;
    List<AgentSetup> loadSetups = List.of(AgentSetup.values());
    int startupRuns = 5;
    List<AgentSetup> startupSetups = List.of(AgentSetup.NONE, AgentSetup.OTEL, AgentSetup.ENVELOPE);
    int exitRuns = 5;
    int exitCycles = 20;
    boolean javaLoad;
    String workload = "inference";
    boolean jmhBreakdown = true;
    PrintStream log = System.out;
    /** The directory of JMH's own output (one file per JMH run); {@code null}: stdout. */
    Path jmhLog;
    String command = "";
    String commit;

    /** The seconds-long form run by the test phase: every section, one short iteration each. */
    public static Options smoke(Path agent, Path otelAgent, Path sampleApp, Path out) {
      Options o = new Options();
      o.agent = agent;
      o.otelAgent = otelAgent;
      o.sampleApp = sampleApp;
      o.out = out;
      o.profile = "smoke";
      o.jmhWarmup = 0;
      o.jmhIterations = 1;
      o.jmhMillis = 200;
      o.jmhBreakdown = false;
      o.jmhLog = out.resolve("jmh-logs");
      o.connections = 4;
      o.loadWarmup = 0;
      o.loadSeconds = 1;
      o.loadRounds = 1;
      o.faultRounds = 1;
      o.loadSetups = List.of(AgentSetup.NONE, AgentSetup.ENVELOPE);
      o.startupRuns = 1;
      o.startupSetups = List.of(AgentSetup.NONE, AgentSetup.ENVELOPE);
      o.exitRuns = 1;
      o.exitCycles = 3;
      return o;
    }

    /** Limits the run to these sections. */
    public Options sections(String... names) {
      sections = new LinkedHashSet<>(Arrays.asList(names));
      return this;
    }

    /** Uses the Java load client even when wrk is installed. */
    public Options javaLoad(boolean javaLoad) {
      this.javaLoad = javaLoad;
      return this;
    }

    AgentSetup.Paths paths() {
      return new AgentSetup.Paths(agent, otelAgent, sampleApp);
    }
  }

  private final Options o;
  private final PrintStream log;

  private Harness(Options options) {
    this.o = options;
    this.log = options.log;
  }

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Map<String, Object> results = run(o);
    System.out.println();
    System.out.println(Files.readString(o.out.resolve("results.md")));
    System.out.println("results: " + o.out.resolve("results.json") + " and "
        + o.out.resolve("results.md"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> targets = (List<Map<String, Object>>) results.get("targets");
    long notMet = targets.stream().filter(t -> Boolean.FALSE.equals(t.get("met"))).count();
    System.out.println(targets.size() + " targets, " + notMet + " not met");
  }

  /** Runs the selected sections and writes {@code results.json} and {@code results.md}. */
  public static Map<String, Object> run(Options o) throws Exception {
    for (Path p : List.of(o.agent, o.otelAgent, o.sampleApp)) {
      if (p == null || !Files.isRegularFile(p)) {
        throw new IllegalArgumentException("missing jar: " + p
            + " (build first: mvn -q -DskipTests install)");
      }
    }
    o.agent = o.agent.toAbsolutePath().normalize();
    o.otelAgent = o.otelAgent.toAbsolutePath().normalize();
    o.sampleApp = o.sampleApp.toAbsolutePath().normalize();
    o.out = o.out.toAbsolutePath().normalize();
    Files.createDirectories(o.out);
    return new Harness(o).runAll();
  }

  private Map<String, Object> runAll() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("generated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    results.put("profile", o.profile);
    results.put("command", o.command);
    results.put("commit", o.commit);
    results.put("machine", machine());
    results.put("jars", jars());
    long started = System.nanoTime();
    try (OtlpSink sink = OtlpSink.start(0)) {
      if (o.sections.contains("jmh")) {
        results.put("jmh", jmh(sink));
      }
      if (o.sections.contains("load")) {
        results.put("load", load(sink));
      }
      if (o.sections.contains("faults")) {
        results.put("faults", faults(sink));
      }
      if (o.sections.contains("startup")) {
        results.put("startup", startup(sink));
      }
      if (o.sections.contains("exit")) {
        results.put("exit", exit(sink));
      }
      Map<String, Object> sinkTotals = new LinkedHashMap<>();
      sinkTotals.put("requests_by_path", sink.requests());
      sinkTotals.put("bytes", sink.bytes());
      results.put("sink", sinkTotals);
    }
    results.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e9));
    results.put("targets", Targets.evaluate(results));
    Files.writeString(o.out.resolve("results.json"), Json.write(results), StandardCharsets.UTF_8);
    Files.writeString(o.out.resolve("results.md"), Targets.markdown(results), StandardCharsets.UTF_8);
    return results;
  }

  // ---- JMH ----

  private List<Map<String, Object>> jmh(OtlpSink sink) throws Exception {
    section("JMH: one admission three ways, and capture cost by argument shape");
    JmhSuite.Settings settings = new JmhSuite.Settings(o.jmhWarmup, o.jmhMillis, o.jmhIterations,
        o.jmhMillis, o.forks, o.gcProfiler, o.jmhBreakdown);
    if (o.jmhLog != null) {
      log.println("  (JMH output in " + o.jmhLog + ")");
    }
    return JmhSuite.run(o.paths(), settings, sink, o.out.resolve("jmh"), o.jmhLog);
  }

  // ---- load ----

  private Map<String, Object> load(OtlpSink sink) throws Exception {
    Load load = Load.pick(o.javaLoad);
    section("load: " + o.workload + " requests, " + load.name() + ", " + o.connections
        + " connections, " + o.loadWarmup
        + " s warm-up + " + o.loadSeconds + " s measured, " + o.loadRounds + " round(s)");
    Map<String, List<String>> setups = new LinkedHashMap<>();
    for (AgentSetup setup : o.loadSetups) {
      setups.put(setup.key(), setup.jvmArgs(o.paths(), sink.endpoint(), "envelope-sample-app"));
    }
    return loadRuns(load, "load", setups, o.loadRounds);
  }

  /**
   * The envelope agent under the same load with its trace backend up, refusing connections, and
   * accepting connections but never answering: what a failing collector costs the application.
   */
  private Map<String, Object> faults(OtlpSink sink) throws Exception {
    Load load = Load.pick(o.javaLoad);
    section("faults: " + o.workload + " requests, " + load.name() + ", " + o.connections
        + " connections, " + o.loadWarmup + " s warm-up + " + o.loadSeconds + " s measured, "
        + o.faultRounds + " round(s); no agent, then the envelope agent with its collector up,"
        + " refusing, and never answering");
    try (Blackhole hole = Blackhole.start()) {
      Map<String, List<String>> setups = new LinkedHashMap<>();
      setups.put("none", AgentSetup.NONE.jvmArgs(o.paths(), sink.endpoint(), "envelope-sample-app"));
      setups.put("collector_up",
          AgentSetup.ENVELOPE.jvmArgs(o.paths(), sink.endpoint(), "envelope-sample-app"));
      setups.put("collector_refusing", AgentSetup.ENVELOPE.jvmArgs(o.paths(),
          "http://127.0.0.1:" + SampleProcess.freePort(), "envelope-sample-app"));
      setups.put("collector_hung", AgentSetup.ENVELOPE.jvmArgs(o.paths(),
          "http://127.0.0.1:" + hole.port(), "envelope-sample-app"));
      return loadRuns(load, "faults", setups, o.faultRounds);
    }
  }

  private Map<String, Object> loadRuns(Load load, String name, Map<String, List<String>> setups,
      int rounds) throws Exception {
    Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
    for (String setup : setups.keySet()) {
      runs.put(setup, new ArrayList<>());
    }
    for (int round = 0; round < rounds; round++) {
      List<String> order = new ArrayList<>(setups.keySet());
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (String setup : order) {
        Path dir = o.out.resolve("runs").resolve(name + "-" + setup + "-" + round);
        try (SampleProcess app = SampleProcess.start(o.sampleApp, setups.get(setup), dir)) {
          app.awaitFirstServedNanos(120_000);
          Load.Workload workload = o.workload.equals("inference")
              ? Load.Workload.inference(app.deploy()) : Load.Workload.deployDelete();
          if (o.loadWarmup > 0) {
            load.run(app.port, o.connections, o.loadWarmup, workload, dir);
          }
          long cpuBefore = app.cpuMillis();
          Load.Result r = load.run(app.port, o.connections, o.loadSeconds, workload, dir);
          long cpu = app.cpuMillis() - cpuBefore;
          long rss = app.peakRssKib();
          long stopNanos = app.stopNanos(60_000);
          long[] events = app.eventsWritten();
          app.deleteEvents();
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("round", round);
          m.putAll(r.toMap());
          m.put("server_cpu_ms_per_request", cpu < 0 ? null : (double) cpu / r.requests());
          m.put("peak_rss_mib", rss < 0 ? null : rss / 1024.0);
          m.put("events_lines", events[1]);
          m.put("events_bytes", events[0]);
          m.put("exit_ms", stopNanos < 0 ? null : stopNanos / 1e6);
          runs.get(setup).add(m);
          log.printf(Locale.ROOT, "  %-18s round %d: %8.1f req/s  p50 %6.2f ms  p99 %6.2f ms  "
                  + "peak RSS %6.1f MiB  cpu %.3f ms/req  non-2xx %d  errors %d  event lines %d%n",
              setup, round, r.requestsPerSecond(), r.p50Millis(), r.p99Millis(),
              rss / 1024.0, cpu / (double) r.requests(), r.otherStatus(), r.errors(), events[1]);
          if (r.otherStatus() > 0 || r.errors() > 0) {
            log.println("  (unexpected answers or errors: see " + dir + ")");
          }
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workload", o.workload);
    out.put("generator", load.name());
    out.put("connections", o.connections);
    out.put("warmup_seconds", o.loadWarmup);
    out.put("seconds", o.loadSeconds);
    out.put("rounds", rounds);
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Object> perSetup = new LinkedHashMap<>();
    runs.forEach((setup, list) -> {
      Map<String, Object> s = new LinkedHashMap<>();
      for (String key : List.of("requests_per_second", "p50_ms", "p90_ms", "p99_ms",
          "peak_rss_mib", "server_cpu_ms_per_request", "exit_ms")) {
        s.put(key, Stats.mean(list, key));
      }
      s.put("requests_per_second_by_round", Stats.values(list, "requests_per_second"));
      s.put("p99_ms_by_round", Stats.values(list, "p99_ms"));
      long bad = 0;
      for (Map<String, Object> m : list) {
        bad += ((Number) m.get("other_status")).longValue() + ((Number) m.get("errors")).longValue();
      }
      s.put("unexpected_answers_or_errors", bad);
      summary.put(setup, s);
      perSetup.put(setup, list);
    });
    out.put("summary", summary);
    out.put("runs", perSetup);
    return out;
  }

  // ---- startup ----

  private Map<String, Object> startup(OtlpSink sink) throws Exception {
    section("startup: JVM launch to first served request (a deploy answered 201), "
        + o.startupRuns + " run(s) each, alternating");
    Map<AgentSetup, List<Double>> millis = new LinkedHashMap<>();
    Map<AgentSetup, List<Double>> rss = new LinkedHashMap<>();
    for (AgentSetup setup : o.startupSetups) {
      millis.put(setup, new ArrayList<>());
      rss.put(setup, new ArrayList<>());
    }
    for (int run = 0; run < o.startupRuns; run++) {
      List<AgentSetup> order = new ArrayList<>(o.startupSetups);
      Collections.rotate(order, run);
      for (AgentSetup setup : order) {
        Path dir = o.out.resolve("runs").resolve("startup-" + setup.key() + "-" + run);
        try (SampleProcess app = SampleProcess.start(o.sampleApp,
            setup.jvmArgs(o.paths(), sink.endpoint(), "envelope-sample-app"), dir)) {
          double ms = app.awaitFirstServedNanos(120_000) / 1e6;
          long kib = app.peakRssKib();
          app.stopNanos(60_000);
          app.deleteEvents();
          millis.get(setup).add(ms);
          rss.get(setup).add(kib / 1024.0);
          log.printf(Locale.ROOT, "  %-9s run %d: %7.1f ms to first served request, RSS %6.1f MiB%n",
              setup.key(), run, ms, kib / 1024.0);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runs", o.startupRuns);
    Map<String, Object> summary = new LinkedHashMap<>();
    for (AgentSetup setup : o.startupSetups) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("median_ms", Stats.median(millis.get(setup)));
      s.put("runs_ms", millis.get(setup));
      s.put("median_rss_after_first_request_mib", Stats.median(rss.get(setup)));
      summary.put(setup.key(), s);
    }
    out.put("summary", summary);
    return out;
  }

  // ---- exit ----

  private Map<String, Object> exit(OtlpSink sink) throws Exception {
    section("exit: SIGTERM to JVM exit with the envelope agent, trace backend up vs down, "
        + o.exitRuns + " run(s) each, after " + o.exitCycles + " deploy/delete cycles");
    Map<String, List<Double>> millis = new LinkedHashMap<>();
    millis.put("up", new ArrayList<>());
    millis.put("down", new ArrayList<>());
    for (int run = 0; run < o.exitRuns; run++) {
      List<String> order = run % 2 == 0 ? List.of("up", "down") : List.of("down", "up");
      for (String mode : order) {
        // Down: a port where nothing listens (connection refused), as when the collector is stopped.
        String endpoint = mode.equals("up") ? sink.endpoint()
            : "http://127.0.0.1:" + SampleProcess.freePort();
        Path dir = o.out.resolve("runs").resolve("exit-" + mode + "-" + run);
        try (SampleProcess app = SampleProcess.start(o.sampleApp,
            AgentSetup.ENVELOPE.jvmArgs(o.paths(), endpoint, "envelope-sample-app"), dir)) {
          app.awaitFirstServedNanos(120_000);
          app.cycles(o.exitCycles);
          long nanos = app.stopNanos(120_000);
          long[] events = app.eventsWritten();
          app.deleteEvents();
          double ms = nanos < 0 ? Double.NaN : nanos / 1e6;
          millis.get(mode).add(ms);
          log.printf(Locale.ROOT, "  backend %-4s run %d: %7.1f ms from SIGTERM to exit (%d event lines)%n",
              mode, run, ms, events[1]);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runs", o.exitRuns);
    out.put("cycles_before_exit", o.exitCycles);
    for (String mode : millis.keySet()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("median_ms", Stats.median(millis.get(mode)));
      s.put("runs_ms", millis.get(mode));
      out.put(mode, s);
    }
    return out;
  }

  // ---- machine and jars ----

  private Map<String, Object> jars() throws IOException {
    Map<String, Object> jars = new LinkedHashMap<>();
    jars.put("envelope_agent_bytes", Files.size(o.agent));
    Path grpc = o.agent.resolveSibling("envelope-agent-grpc.jar");
    if (Files.exists(grpc)) {
      jars.put("envelope_agent_grpc_bytes", Files.size(grpc));
    }
    jars.put("otel_agent_bytes", Files.size(o.otelAgent));
    return jars;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    m.put("memory", mem == null ? null : String.format(Locale.ROOT, "%.1f GiB",
        Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1048576.0));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + ")");
    return m;
  }

  private static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return null;
  }

  private void section(String title) {
    log.println();
    log.println("== " + title);
  }

  // ---- command line ----

  static Options parse(String[] args) {
    Options o = new Options();
    o.command = "Harness " + String.join(" ", args);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--agent": o.agent = Path.of(args[++i]); break;
        case "--otel-agent": o.otelAgent = Path.of(args[++i]); break;
        case "--sample-app": o.sampleApp = Path.of(args[++i]); break;
        case "--out": o.out = Path.of(args[++i]); break;
        case "--profile": {
          String profile = args[++i];
          if (profile.equals("smoke")) {
            Options s = Options.smoke(o.agent, o.otelAgent, o.sampleApp, o.out);
            s.command = o.command;
            s.sections = o.sections;
            s.javaLoad = o.javaLoad;
            s.commit = o.commit;
            s.workload = o.workload;
            o = s;
          } else if (!profile.equals("full")) {
            throw new IllegalArgumentException("--profile full|smoke");
          }
          break;
        }
        case "--sections": o.sections = new LinkedHashSet<>(Arrays.asList(args[++i].split(","))); break;
        case "--java-load": o.javaLoad = true; break;
        case "--commit": o.commit = args[++i]; break;
        case "--workload": o.workload = args[++i]; break;
        case "--no-jmh-breakdown": o.jmhBreakdown = false; break;
        case "--jmh-warmup": o.jmhWarmup = Integer.parseInt(args[++i]); break;
        case "--jmh-iterations": o.jmhIterations = Integer.parseInt(args[++i]); break;
        case "--jmh-time-ms": o.jmhMillis = Integer.parseInt(args[++i]); break;
        case "--forks": o.forks = Integer.parseInt(args[++i]); break;
        case "--no-gc-profiler": o.gcProfiler = false; break;
        case "--connections": o.connections = Integer.parseInt(args[++i]); break;
        case "--load-warmup": o.loadWarmup = Integer.parseInt(args[++i]); break;
        case "--load-seconds": o.loadSeconds = Integer.parseInt(args[++i]); break;
        case "--load-rounds": o.loadRounds = Integer.parseInt(args[++i]); break;
        case "--fault-rounds": o.faultRounds = Integer.parseInt(args[++i]); break;
        case "--startup-runs": o.startupRuns = Integer.parseInt(args[++i]); break;
        case "--exit-runs": o.exitRuns = Integer.parseInt(args[++i]); break;
        case "--exit-cycles": o.exitCycles = Integer.parseInt(args[++i]); break;
        default: throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return o;
  }
}
