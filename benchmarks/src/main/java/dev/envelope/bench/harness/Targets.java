package dev.envelope.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The targets, evaluated from one run's results, and the Markdown report of that run. */
final class Targets {
  static final double JAR_LIMIT_BYTES = 6 * 1024 * 1024;

  private Targets() {}

  static List<Map<String, Object>> evaluate(Map<String, Object> r) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> none = jmhRow(r, "AdmissionBenchmark.noAgent");
    Map<String, Object> otel = jmhRow(r, "AdmissionBenchmark.otelAgent");
    Map<String, Object> env = jmhRow(r, "AdmissionBenchmark.envelopeAgent");

    Double noneNs = num(none, "ns_per_op");
    Double otelNs = num(otel, "ns_per_op");
    Double envNs = num(env, "ns_per_op");
    Double envOver = minus(envNs, noneNs);
    Double otelOver = minus(otelNs, noneNs);
    out.add(target("admission_overhead",
        "per-admission overhead ≤ the OpenTelemetry agent's @WithSpan overhead on the same method",
        envOver, "ns/op added", otelOver, "OTel agent's added ns/op", div(envOver, otelOver),
        "≤ 1.00", le(div(envOver, otelOver), 1.0),
        String.format(Locale.ROOT, "no agent %s ns/op, OTel agent %s ns/op, envelope agent %s ns/op",
            fmt(noneNs), fmt(otelNs), fmt(envNs))));

    Double noneAlloc = num(none, "alloc_bytes_per_op_calling_thread");
    Double envAlloc = num(env, "alloc_bytes_per_op_calling_thread");
    Double envAdded = minus(envAlloc, noneAlloc);
    out.add(target("allocation",
        "allocation ≤ 2 KB per admission with one grant, on the calling thread",
        envAdded, "B/op added on the calling thread", noneAlloc, "no agent's B/op",
        div(envAdded, 2048.0), "≤ 2048 B", le(envAdded, 2048.0),
        String.format(Locale.ROOT, "calling thread: envelope %s B/op in all (no agent %s);"
                + " all threads (-prof gc): envelope %s B/op, OTel %s B/op, no agent %s B/op",
            fmt(envAlloc), fmt(noneAlloc), fmt(num(env, "alloc_bytes_per_op_all_threads")),
            fmt(num(otel, "alloc_bytes_per_op_all_threads")),
            fmt(num(none, "alloc_bytes_per_op_all_threads")))));

    Double noneRps = num(r, "load", "summary", "none", "requests_per_second");
    Double envRps = num(r, "load", "summary", "envelope", "requests_per_second");
    out.add(target("throughput", "sample backend throughput with the envelope agent ≥ 97% of no agent",
        envRps, "req/s", noneRps, "no agent req/s", div(envRps, noneRps), "≥ 0.97",
        ge(div(envRps, noneRps), 0.97), byRound(r, "requests_per_second_by_round")));

    Double noneP99 = num(r, "load", "summary", "none", "p99_ms");
    Double envP99 = num(r, "load", "summary", "envelope", "p99_ms");
    out.add(target("p99_latency", "sample backend p99 latency with the envelope agent ≤ 105% of no agent",
        envP99, "ms", noneP99, "no agent ms", div(envP99, noneP99), "≤ 1.05",
        le(div(envP99, noneP99), 1.05), byRound(r, "p99_ms_by_round")));

    Double noneStart = num(r, "startup", "summary", "none", "median_ms");
    Double otelStart = num(r, "startup", "summary", "otel", "median_ms");
    Double envStart = num(r, "startup", "summary", "envelope", "median_ms");
    Double envStartAdded = minus(envStart, noneStart);
    Double otelStartAdded = minus(otelStart, noneStart);
    out.add(target("startup", "startup added ≤ 10% of what the OpenTelemetry agent adds",
        envStartAdded, "ms added", otelStartAdded, "OTel agent's ms added",
        div(envStartAdded, otelStartAdded), "≤ 0.10", le(div(envStartAdded, otelStartAdded), 0.10),
        String.format(Locale.ROOT, "median to first served request: no agent %s ms, OTel %s ms,"
            + " envelope %s ms", fmt(noneStart), fmt(otelStart), fmt(envStart))));

    Double noneRss = num(r, "load", "summary", "none", "peak_rss_mib");
    Double otelRss = num(r, "load", "summary", "otel", "peak_rss_mib");
    Double envRss = num(r, "load", "summary", "envelope", "peak_rss_mib");
    Double envRssAdded = minus(envRss, noneRss);
    Double otelRssAdded = minus(otelRss, noneRss);
    out.add(target("peak_rss", "peak RSS added ≤ 25% of what the OpenTelemetry agent adds",
        envRssAdded, "MiB added", otelRssAdded, "OTel agent's MiB added",
        div(envRssAdded, otelRssAdded), "≤ 0.25", le(div(envRssAdded, otelRssAdded), 0.25),
        String.format(Locale.ROOT, "peak RSS (VmHWM) under the load run: no agent %s MiB, OTel %s MiB,"
            + " envelope %s MiB; right after the first request (startup runs): no agent %s MiB,"
            + " OTel %s MiB, envelope %s MiB", fmt(noneRss), fmt(otelRss), fmt(envRss),
            fmt(num(r, "startup", "summary", "none", "median_rss_after_first_request_mib")),
            fmt(num(r, "startup", "summary", "otel", "median_rss_after_first_request_mib")),
            fmt(num(r, "startup", "summary", "envelope", "median_rss_after_first_request_mib")))));

    Double up = num(r, "exit", "up", "median_ms");
    Double down = num(r, "exit", "down", "median_ms");
    Double exitAdded = minus(down, up);
    out.add(target("exit_backend_down", "exit with the trace backend down ≤ 1 s longer than with it up",
        exitAdded, "ms longer", up, "ms with the backend up", div(down, up), "≤ +1000 ms",
        le(exitAdded, 1000.0), String.format(Locale.ROOT,
            "median SIGTERM-to-exit: backend up %s ms, down %s ms", fmt(up), fmt(down))));

    for (String fault : new String[] {"refusing", "hung"}) {
      Double upRps = num(r, "faults", "summary", "collector_up", "requests_per_second");
      Double faultRps = num(r, "faults", "summary", "collector_" + fault, "requests_per_second");
      out.add(target("collector_" + fault, "throughput with the collector "
              + (fault.equals("hung") ? "accepting but never answering" : "refusing connections")
              + " within noise (≥ 95%) of the collector up",
          faultRps, "req/s", upRps, "collector up req/s", div(faultRps, upRps), "≥ 0.95",
          ge(div(faultRps, upRps), 0.95), String.format(Locale.ROOT,
              "p50 %s ms vs %s ms up, p99 %s ms vs %s ms up; no agent %s req/s, p99 %s ms;"
                  + " peak RSS %s MiB vs %s MiB up",
              fmt(num(r, "faults", "summary", "collector_" + fault, "p50_ms")),
              fmt(num(r, "faults", "summary", "collector_up", "p50_ms")),
              fmt(num(r, "faults", "summary", "collector_" + fault, "p99_ms")),
              fmt(num(r, "faults", "summary", "collector_up", "p99_ms")),
              fmt(num(r, "faults", "summary", "none", "requests_per_second")),
              fmt(num(r, "faults", "summary", "none", "p99_ms")),
              fmt(num(r, "faults", "summary", "collector_" + fault, "peak_rss_mib")),
              fmt(num(r, "faults", "summary", "collector_up", "peak_rss_mib")))));
    }

    Double jar = num(r, "jars", "envelope_agent_bytes");
    out.add(target("jar_size", "agent jar ≤ 6 MB", jar == null ? null : jar / 1048576.0, "MiB",
        null, null, div(jar, JAR_LIMIT_BYTES), "≤ 6 MiB", le(jar, JAR_LIMIT_BYTES),
        jar == null ? "" : String.format(Locale.ROOT, "%,d bytes (limit read as 6 MiB = %,d bytes)",
            jar.longValue(), (long) JAR_LIMIT_BYTES)));
    return out;
  }

  private static String byRound(Map<String, Object> r, String key) {
    StringBuilder sb = new StringBuilder("by round:");
    for (String setup : List.of("none", "envelope")) {
      Object v = get(r, "load", "summary", setup, key);
      sb.append(' ').append(setup).append(' ').append(v == null ? "-" : fmtList(v));
    }
    return sb.toString();
  }

  private static String fmtList(Object list) {
    StringBuilder sb = new StringBuilder("[");
    for (Object o : (List<?>) list) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(fmt(((Number) o).doubleValue()));
    }
    return sb.append(']').toString();
  }

  private static Map<String, Object> target(String id, String text, Double figure, String unit,
      Double baseline, String baselineUnit, Double ratio, String required, Boolean met,
      String detail) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", id);
    t.put("target", text);
    t.put("figure", figure);
    t.put("unit", unit);
    t.put("baseline", baseline);
    t.put("baseline_unit", baselineUnit);
    t.put("ratio", ratio);
    t.put("required", required);
    t.put("met", met);
    t.put("detail", detail);
    return t;
  }

  // ---- Markdown ----

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> machine = (Map<String, Object>) r.get("machine");
    md.append("Run ").append(r.get("generated_at"))
        .append(r.get("commit") == null ? "" : " at commit " + r.get("commit"))
        .append(" (profile `").append(r.get("profile"))
        .append("`, ").append(r.get("wall_seconds")).append(" s): ").append(machine.get("cpus"))
        .append(" CPUs, ").append(machine.get("cpu_model")).append(", ").append(machine.get("memory"))
        .append(", ").append(machine.get("java")).append(", ").append(machine.get("os")).append("\n\n");

    md.append("| target | figure | baseline | ratio | required | met |\n|---|---|---|---|---|---|\n");
    for (Map<String, Object> t : (List<Map<String, Object>>) r.get("targets")) {
      Object met = t.get("met");
      md.append("| ").append(t.get("target")).append(" | ")
          .append(fmt((Double) t.get("figure"))).append(' ').append(t.get("unit")).append(" | ")
          .append(t.get("baseline") == null ? "—" : fmt((Double) t.get("baseline")) + " "
              + t.get("baseline_unit")).append(" | ")
          .append(fmtRatio((Double) t.get("ratio"))).append(" | ")
          .append(t.get("required")).append(" | ")
          .append(met == null ? "not measured" : (Boolean) met ? "**met**" : "**not met**")
          .append(" |\n");
    }
    md.append('\n');
    for (Map<String, Object> t : (List<Map<String, Object>>) r.get("targets")) {
      md.append("- ").append(t.get("id")).append(": ").append(t.get("detail")).append('\n');
    }

    List<Map<String, Object>> jmh = (List<Map<String, Object>>) r.get("jmh");
    if (jmh != null) {
      Double base = num(jmhRow(r, "AdmissionBenchmark.noAgent"), "ns_per_op");
      Double scalar = num(jmhRow(r, "CaptureShapeBenchmark.scalar"), "ns_per_op");
      md.append("\n#### JMH (average time per call)\n\n")
          .append("| benchmark | agent | ns/op | ± (99.9%) | ratio to no agent | B/op calling thread"
              + " | B/op all threads (-prof gc) | GCs | spans exported / call |\n")
          .append("|---|---|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> row : jmh) {
        String name = (String) row.get("benchmark");
        Double ns = num(row, "ns_per_op");
        String ratio;
        if (name.startsWith("AdmissionBenchmark")) {
          ratio = fmtRatio(div(ns, base));
        } else {
          Double added = minus(ns, scalar);
          ratio = name.endsWith(".scalar") ? "(fixed cost)" : "+" + fmt(added) + " ns over scalar";
        }
        md.append("| ").append(name).append(" | ").append(row.get("agent"))
            .append(row.get("variant") == null ? "" : ", " + row.get("variant")).append(" | ")
            .append(fmt(ns)).append(" | ").append(fmt(num(row, "ns_per_op_error"))).append(" | ")
            .append(ratio).append(" | ")
            .append(fmt(num(row, "alloc_bytes_per_op_calling_thread"))).append(" | ")
            .append(fmt(num(row, "alloc_bytes_per_op_all_threads"))).append(" | ")
            .append(fmt(num(row, "gc_count"))).append(" | ")
            .append(row.containsKey("spans_exported_per_call")
                ? fmtRatio(num(row, "spans_exported_per_call")) : "—")
            .append(" |\n");
      }
    }

    Map<String, Object> load = (Map<String, Object>) r.get("load");
    if (load != null) {
      md.append("\n#### Load run: ").append(load.get("generator")).append(", ")
          .append(load.get("connections")).append(" connections, ").append(load.get("warmup_seconds"))
          .append(" s warm-up + ").append(load.get("seconds")).append(" s measured, mean of ")
          .append(load.get("rounds")).append(" round(s)\n\n")
          .append("| agents | req/s | ratio | p50 ms | ratio | p99 ms | ratio | peak RSS MiB |"
              + " server CPU ms/request | req/s by round |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|\n");
      Map<String, Object> summary = (Map<String, Object>) load.get("summary");
      Map<String, Object> none = (Map<String, Object>) summary.get("none");
      for (Map.Entry<String, Object> e : summary.entrySet()) {
        Map<String, Object> s = (Map<String, Object>) e.getValue();
        md.append("| ").append(e.getKey()).append(" | ")
            .append(fmt(num(s, "requests_per_second"))).append(" | ")
            .append(fmtRatio(div(num(s, "requests_per_second"), num(none, "requests_per_second"))))
            .append(" | ").append(fmt(num(s, "p50_ms"))).append(" | ")
            .append(fmtRatio(div(num(s, "p50_ms"), num(none, "p50_ms")))).append(" | ")
            .append(fmt(num(s, "p99_ms"))).append(" | ")
            .append(fmtRatio(div(num(s, "p99_ms"), num(none, "p99_ms")))).append(" | ")
            .append(fmt(num(s, "peak_rss_mib"))).append(" | ")
            .append(fmt(num(s, "server_cpu_ms_per_request"))).append(" | ")
            .append(fmtList(s.get("requests_per_second_by_round"))).append(" |\n");
      }
    }

    Map<String, Object> startup = (Map<String, Object>) r.get("startup");
    if (startup != null) {
      md.append("\n#### Startup: JVM launch to the first served request, median of ")
          .append(startup.get("runs")).append(" run(s)\n\n")
          .append("| agents | median ms | added ms | RSS after first request MiB | runs ms |\n")
          .append("|---|---|---|---|---|\n");
      Map<String, Object> summary = (Map<String, Object>) startup.get("summary");
      Double base = num(summary, "none", "median_ms");
      for (Map.Entry<String, Object> e : summary.entrySet()) {
        Map<String, Object> s = (Map<String, Object>) e.getValue();
        md.append("| ").append(e.getKey()).append(" | ").append(fmt(num(s, "median_ms"))).append(" | ")
            .append(fmt(minus(num(s, "median_ms"), base))).append(" | ")
            .append(fmt(num(s, "median_rss_after_first_request_mib"))).append(" | ")
            .append(fmtList(s.get("runs_ms"))).append(" |\n");
      }
    }

    Map<String, Object> exit = (Map<String, Object>) r.get("exit");
    if (exit != null) {
      md.append("\n#### Exit: SIGTERM to exit with the envelope agent after ")
          .append(exit.get("cycles_before_exit")).append(" deploy/delete cycles, median of ")
          .append(exit.get("runs")).append(" run(s)\n\n")
          .append("| trace backend | median ms | runs ms |\n|---|---|---|\n");
      for (String mode : List.of("up", "down")) {
        Map<String, Object> s = (Map<String, Object>) exit.get(mode);
        md.append("| ").append(mode).append(" | ").append(fmt(num(s, "median_ms"))).append(" | ")
            .append(fmtList(s.get("runs_ms"))).append(" |\n");
      }
    }

    Map<String, Object> jars = (Map<String, Object>) r.get("jars");
    md.append("\n#### Jars\n\n| jar | bytes |\n|---|---|\n");
    for (Map.Entry<String, Object> e : jars.entrySet()) {
      md.append("| ").append(e.getKey().replace("_bytes", "")).append(" | ")
          .append(String.format(Locale.ROOT, "%,d", ((Number) e.getValue()).longValue()))
          .append(" |\n");
    }
    return md.toString();
  }

  // ---- helpers ----

  @SuppressWarnings("unchecked")
  static Map<String, Object> jmhRow(Map<String, Object> r, String benchmark) {
    Object jmh = r.get("jmh");
    if (jmh == null) {
      return null;
    }
    for (Map<String, Object> row : (List<Map<String, Object>>) jmh) {
      if (benchmark.equals(row.get("benchmark")) && row.get("variant") == null) {
        return row;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static Object get(Map<String, Object> map, String... path) {
    Object at = map;
    for (String key : path) {
      if (!(at instanceof Map)) {
        return null;
      }
      at = ((Map<String, Object>) at).get(key);
    }
    return at;
  }

  static Double num(Map<String, Object> map, String... path) {
    if (map == null) {
      return null;
    }
    Object v = get(map, path);
    return v instanceof Number ? ((Number) v).doubleValue() : null;
  }

  static Double minus(Double a, Double b) {
    return a == null || b == null ? null : a - b;
  }

  static Double div(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }

  static Boolean le(Double v, double limit) {
    return v == null || v.isNaN() ? null : v <= limit;
  }

  static Boolean ge(Double v, double limit) {
    return v == null || v.isNaN() ? null : v >= limit;
  }

  static String fmt(Double d) {
    if (d == null || d.isNaN()) {
      return "—";
    }
    double a = Math.abs(d);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", d);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return String.format(Locale.ROOT, "%.2f", d);
  }

  static String fmtRatio(Double d) {
    return d == null || d.isNaN() ? "—" : String.format(Locale.ROOT, "%.3f", d);
  }
}
