package dev.envelope.agent.report;

import static dev.envelope.agent.report.TerminalText.clean;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The report as aligned text tables, for a terminal. */
final class TableReport {
  /** Longer names (tenants and operations come from requests) are cut in the table. */
  private static final int NAME_WIDTH = 48;

  private final Report r;
  private final PrintStream out;

  TableReport(Report r, PrintStream out) {
    this.r = r;
    this.out = out;
  }

  void print() {
    Report.InputStats in = r.input();
    out.printf(Locale.ROOT, "Envelope report: %,d file%s, %,d lines, %,d events, %,d envelopes%n",
        in.files, in.files == 1 ? "" : "s", in.lines, in.events, r.total().envelopes());
    out.printf(Locale.ROOT, "Skipped: %,d torn lines, %,d lines that are not envelope events,"
        + " %,d duplicate lines, %,d blank lines%n",
        in.torn, in.notEvents, in.duplicates, in.blank);
    if (in.firstTorn != null) {
      out.println("  first torn line: " + clean(in.firstTorn, 200));
    }
    if (in.firstNotEvent != null) {
      out.println("  first line that is not an event: " + clean(in.firstNotEvent, 200));
    }
    if (r.outOfRange() > 0) {
      out.printf(Locale.ROOT, "  %,d numbers beyond ±1E+400 were left out of the totals%n",
          r.outOfRange());
    }
    Set<String> stages = ReportFormat.stages(r);
    out.println();
    out.println("By operation");
    outcomes("operation", r.byOperation(), stages);
    out.println();
    out.println("By tenant");
    outcomes("tenant", r.byTenant(), stages);
    out.println();
    out.println("Requested vs granted, by operation (narrowed: granted less than asked)");
    resources("operation", r.byOperation());
    out.println();
    out.println("Requested vs granted, by tenant");
    resources("tenant", r.byTenant());
    out.println();
    violations();
    out.println();
    open();
  }

  private void outcomes(String name, Map<String, Aggregate> groups, Set<String> stages) {
    List<String[]> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of(name, "envelopes", "finalized", "failed"));
    for (String s : stages) {
      // failure.stage comes from the record like a tenant name: cleaned the same way.
      head.add("failed@" + clean(s, NAME_WIDTH));
    }
    head.addAll(List.of("open", "p50 ms", "p95 ms", "p99 ms"));
    rows.add(head.toArray(new String[0]));
    for (Map.Entry<String, Aggregate> e : groups.entrySet()) {
      rows.add(outcomeRow(clean(e.getKey(), NAME_WIDTH), e.getValue(), stages));
    }
    rows.add(outcomeRow("all", r.total(), stages));
    print(rows);
  }

  private static String[] outcomeRow(String name, Aggregate a, Set<String> stages) {
    List<String> row = new ArrayList<>(List.of(name, count(a.envelopes()), count(a.finalized()),
        count(a.failed())));
    for (String s : stages) {
      row.add(count(a.failedByStage().getOrDefault(s, 0L)));
    }
    row.add(count(a.open()));
    for (int p : new int[] {50, 95, 99}) {
      String v = ReportFormat.millis(a.latencyPercentile(p));
      row.add(v.isEmpty() ? "-" : v);
    }
    return row.toArray(new String[0]);
  }

  private void resources(String name, Map<String, Aggregate> groups) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {name, "resource", "asked by", "asked", "granted to", "granted",
        "narrowed", "narrowed %", "widened"});
    for (Map.Entry<String, Aggregate> e : groups.entrySet()) {
      for (Map.Entry<String, ResourceTotals> res : e.getValue().resources().entrySet()) {
        ResourceTotals t = res.getValue();
        rows.add(new String[] {clean(e.getKey(), NAME_WIDTH), clean(res.getKey(), NAME_WIDTH),
            count(t.askedEnvelopes()), ReportFormat.number(t.askedTotal()),
            count(t.grantedEnvelopes()), ReportFormat.number(t.grantedTotal()),
            count(t.narrowed()),
            t.askedAndGranted() == 0 ? "-" : BigDecimal.valueOf(t.narrowed() * 100L)
                .divide(BigDecimal.valueOf(t.askedAndGranted()), 1, RoundingMode.HALF_UP) + "%",
            count(t.widened())});
      }
    }
    if (rows.size() == 1) {
      out.println("  (no numeric requested or granted values)");
      return;
    }
    print(rows);
  }

  private void violations() {
    long total = r.violationTotal();
    if (total == 0) {
      out.println("Invariant violations: none");
      return;
    }
    StringBuilder kinds = new StringBuilder();
    for (Map.Entry<Violation.Kind, Long> e : r.violationCounts().entrySet()) {
      kinds.append(kinds.length() == 0 ? "" : ", ").append(e.getKey().wireName()).append(' ')
          .append(count(e.getValue()));
    }
    out.printf(Locale.ROOT, "Invariant violations: %,d (%s)%n", total, kinds);
    for (Violation v : r.violations()) {
      out.println("  " + v.kind().wireName() + "  " + clean(v.envelopeId(), 40) + "  "
          + clean(v.detail(), 400));
    }
    if (total > r.violations().size()) {
      out.printf(Locale.ROOT, "  ... and %,d more (--list N shows more)%n",
          total - r.violations().size());
    }
  }

  private void open() {
    long total = r.total().open();
    if (total == 0) {
      out.println("Envelopes with no terminal event: none");
      return;
    }
    out.printf(Locale.ROOT, "Envelopes with no terminal event: %,d (in flight when the file was"
        + " read, or their terminal line is lost)%n", total);
    for (EnvelopeFacts f : r.open()) {
      out.println("  " + clean(f.envelopeId, 40) + "  " + clean(f.operation, NAME_WIDTH) + "  "
          + clean(f.tenant, NAME_WIDTH) + "  " + (f.phase == null ? "?" : clean(f.phase, 20))
          + "  admitted " + (f.admittedAt == Timestamps.INVALID ? "?"
              : Timestamps.format(f.admittedAt)));
    }
    if (total > r.open().size()) {
      out.printf(Locale.ROOT, "  ... and %,d more (--list N shows more)%n",
          total - r.open().size());
    }
  }

  private void print(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.length; i++) {
        // Names left, figures right.
        boolean left = i == 0 || (i == 1 && rows.get(0)[1].equals("resource"));
        String cell = row[i];
        String pad = " ".repeat(width[i] - cell.length());
        line.append(left ? cell + pad : pad + cell).append(i + 1 < row.length ? "  " : "");
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
