package dev.envelope.agent.report;

import dev.envelope.agent.record.JsonWriter;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Prints a {@link Report} as a table for people, or as JSON or CSV for tools. */
public enum ReportFormat {
  TABLE {
    @Override
    public void print(Report r, PrintStream out) {
      new TableReport(r, out).print();
    }
  },
  JSON {
    @Override
    public void print(Report r, PrintStream out) {
      out.println(json(r));
    }
  },
  /**
   * Long form, one figure a row ({@code dimension,group,metric,value}), so that any spreadsheet or
   * dataframe pivots it without knowing the resource keys in advance.
   */
  CSV {
    @Override
    public void print(Report r, PrintStream out) {
      out.println("dimension,group,metric,value");
      row(out, "input", "", "files", r.input().files);
      row(out, "input", "", "lines", r.input().lines);
      row(out, "input", "", "events", r.input().events);
      row(out, "input", "", "blank_lines", r.input().blank);
      row(out, "input", "", "torn_lines", r.input().torn);
      row(out, "input", "", "not_event_lines", r.input().notEvents);
      row(out, "input", "", "duplicate_lines", r.input().duplicates);
      row(out, "input", "", "numbers_out_of_range", r.outOfRange());
      csvGroup(out, "total", "", r.total());
      for (Map.Entry<String, Aggregate> e : r.byOperation().entrySet()) {
        csvGroup(out, "operation", e.getKey(), e.getValue());
      }
      for (Map.Entry<String, Aggregate> e : r.byTenant().entrySet()) {
        csvGroup(out, "tenant", e.getKey(), e.getValue());
      }
      row(out, "violations", "", "total", r.violationTotal());
      for (Map.Entry<Violation.Kind, Long> e : r.violationCounts().entrySet()) {
        row(out, "violations", e.getKey().wireName(), "count", e.getValue());
      }
      for (Violation v : r.violations()) {
        row(out, "violation", v.envelopeId(), v.kind().wireName(), v.detail());
      }
      for (EnvelopeFacts f : r.open()) {
        row(out, "open", f.envelopeId, "admitted_at", f.admittedAt == Timestamps.INVALID ? ""
            : Timestamps.format(f.admittedAt));
      }
    }
  };

  public abstract void print(Report report, PrintStream out);

  /** The stages a failure can have, in life order; others found in the record follow. */
  static final List<String> STAGES = List.of("admission", "resolution", "finalization");

  static Set<String> stages(Report r) {
    Set<String> stages = new LinkedHashSet<>(STAGES);
    stages.addAll(r.total().failedByStage().keySet());
    return stages;
  }

  static String millis(long micros) {
    return micros < 0 ? "" : BigDecimal.valueOf(micros, 3).toPlainString();
  }

  static String number(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
  }

  /** The narrowed share to four places, rounded half up in decimal, not through a double. */
  static String share(ResourceTotals t) {
    return t.askedAndGranted() == 0 ? "" : BigDecimal.valueOf(t.narrowed())
        .divide(BigDecimal.valueOf(t.askedAndGranted()), 4, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static void csvGroup(PrintStream out, String dimension, String group, Aggregate a) {
    row(out, dimension, group, "envelopes", a.envelopes());
    row(out, dimension, group, "finalized", a.finalized());
    row(out, dimension, group, "failed", a.failed());
    for (Map.Entry<String, Long> e : a.failedByStage().entrySet()) {
      row(out, dimension, group, "failed." + e.getKey(), e.getValue());
    }
    row(out, dimension, group, "open", a.open());
    row(out, dimension, group, "latency_count", a.latencyCount());
    for (int p : new int[] {50, 95, 99}) {
      row(out, dimension, group, "latency_p" + p + "_ms", millis(a.latencyPercentile(p)));
    }
    for (Map.Entry<String, ResourceTotals> e : a.resources().entrySet()) {
      String k = "resource." + e.getKey() + ".";
      ResourceTotals t = e.getValue();
      row(out, dimension, group, k + "asked_envelopes", t.askedEnvelopes());
      row(out, dimension, group, k + "asked_total", number(t.askedTotal()));
      row(out, dimension, group, k + "granted_envelopes", t.grantedEnvelopes());
      row(out, dimension, group, k + "granted_total", number(t.grantedTotal()));
      row(out, dimension, group, k + "asked_and_granted", t.askedAndGranted());
      row(out, dimension, group, k + "narrowed", t.narrowed());
      row(out, dimension, group, k + "widened", t.widened());
      row(out, dimension, group, k + "narrowed_share", share(t));
    }
  }

  private static void row(PrintStream out, String dimension, String group, String metric,
      Object value) {
    out.println(csv(dimension) + "," + csv(group) + "," + csv(metric) + ","
        + csv(String.valueOf(value)));
  }

  /** RFC 4180 quoting; a leading formula character is defused, as values come from requests. */
  static String csv(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !looksNumeric(v)) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
        || !v.equals(s)) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static boolean looksNumeric(String s) {
    try {
      new BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String json(Report r) {
    StringBuilder b = new StringBuilder(4096);
    Report.InputStats in = r.input();
    b.append("{\"input\":{\"files\":").append(in.files).append(",\"lines\":").append(in.lines)
        .append(",\"events\":").append(in.events).append(",\"blank_lines\":").append(in.blank)
        .append(",\"torn_lines\":").append(in.torn).append(",\"not_event_lines\":")
        .append(in.notEvents).append(",\"duplicate_lines\":").append(in.duplicates)
        .append(",\"first_torn\":");
    stringOrNull(b, in.firstTorn);
    b.append(",\"first_not_event\":");
    stringOrNull(b, in.firstNotEvent);
    b.append(",\"numbers_out_of_range\":").append(r.outOfRange()).append("},\"total\":");
    jsonGroup(b, r.total());
    b.append(",\"by_operation\":");
    jsonGroups(b, r.byOperation());
    b.append(",\"by_tenant\":");
    jsonGroups(b, r.byTenant());
    b.append(",\"violations\":{\"total\":").append(r.violationTotal()).append(",\"by_kind\":{");
    String sep = "";
    for (Map.Entry<Violation.Kind, Long> e : r.violationCounts().entrySet()) {
      b.append(sep).append('"').append(e.getKey().wireName()).append("\":").append(e.getValue());
      sep = ",";
    }
    b.append("},\"listed\":[");
    sep = "";
    for (Violation v : r.violations()) {
      b.append(sep).append("{\"kind\":\"").append(v.kind().wireName())
          .append("\",\"envelope_id\":");
      JsonWriter.string(b, v.envelopeId());
      b.append(",\"detail\":");
      JsonWriter.string(b, v.detail());
      b.append('}');
      sep = ",";
    }
    b.append("]},\"open\":{\"total\":").append(r.total().open()).append(",\"listed\":[");
    sep = "";
    for (EnvelopeFacts f : r.open()) {
      b.append(sep).append("{\"envelope_id\":");
      JsonWriter.string(b, f.envelopeId);
      b.append(",\"operation\":");
      JsonWriter.string(b, f.operation);
      b.append(",\"tenant\":");
      JsonWriter.string(b, f.tenant);
      b.append(",\"phase\":");
      stringOrNull(b, f.phase);
      b.append(",\"admitted_at\":");
      stringOrNull(b, f.admittedAt == Timestamps.INVALID ? null : Timestamps.format(f.admittedAt));
      b.append('}');
      sep = ",";
    }
    return b.append("]}}").toString();
  }

  private static void jsonGroups(StringBuilder b, Map<String, Aggregate> groups) {
    b.append('{');
    String sep = "";
    for (Map.Entry<String, Aggregate> e : groups.entrySet()) {
      b.append(sep);
      JsonWriter.string(b, e.getKey());
      b.append(':');
      jsonGroup(b, e.getValue());
      sep = ",";
    }
    b.append('}');
  }

  private static void jsonGroup(StringBuilder b, Aggregate a) {
    b.append("{\"envelopes\":").append(a.envelopes()).append(",\"finalized\":")
        .append(a.finalized()).append(",\"failed\":").append(a.failed())
        .append(",\"failed_by_stage\":{");
    String sep = "";
    for (Map.Entry<String, Long> e : a.failedByStage().entrySet()) {
      b.append(sep);
      JsonWriter.string(b, e.getKey());
      b.append(':').append(e.getValue());
      sep = ",";
    }
    b.append("},\"open\":").append(a.open()).append(",\"latency_ms\":{\"count\":")
        .append(a.latencyCount());
    for (int p : new int[] {50, 95, 99}) {
      long v = a.latencyPercentile(p);
      b.append(",\"p").append(p).append("\":").append(v < 0 ? "null" : millis(v));
    }
    b.append("},\"resources\":{");
    sep = "";
    for (Map.Entry<String, ResourceTotals> e : a.resources().entrySet()) {
      ResourceTotals t = e.getValue();
      b.append(sep);
      JsonWriter.string(b, e.getKey());
      b.append(":{\"asked_envelopes\":").append(t.askedEnvelopes()).append(",\"asked_total\":")
          .append(number(t.askedTotal())).append(",\"granted_envelopes\":")
          .append(t.grantedEnvelopes()).append(",\"granted_total\":")
          .append(number(t.grantedTotal())).append(",\"asked_and_granted\":")
          .append(t.askedAndGranted()).append(",\"narrowed\":").append(t.narrowed())
          .append(",\"widened\":").append(t.widened()).append(",\"narrowed_share\":")
          .append(t.askedAndGranted() == 0 ? "null" : share(t)).append('}');
      sep = ",";
    }
    b.append("}}");
  }

  private static void stringOrNull(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
    } else {
      JsonWriter.string(b, s);
    }
  }

  /** The names {@code --format} accepts. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (ReportFormat f : values()) {
      names.add(f.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
