package dev.envelope.agent.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's figures: built by the join as envelopes complete, then printed by a format. */
public final class Report implements EnvelopeJoin.Sink {
  private final int listLimit;
  private final Aggregate total = new Aggregate();
  private final Map<String, Aggregate> byOperation = new TreeMap<>();
  private final Map<String, Aggregate> byTenant = new TreeMap<>();
  private final Map<Violation.Kind, Long> violationCounts = new EnumMap<>(Violation.Kind.class);
  private final List<Violation> violations = new ArrayList<>();
  private final List<EnvelopeFacts> open = new ArrayList<>();
  private long outOfRange;
  final InputStats input = new InputStats();

  /** @param listLimit how many violations and open envelopes are listed (all are counted) */
  Report(int listLimit) {
    this.listLimit = listLimit;
  }

  @Override
  public void envelope(EnvelopeFacts facts, Found found) {
    total.add(facts);
    byOperation.computeIfAbsent(facts.operation, k -> new Aggregate()).add(facts);
    byTenant.computeIfAbsent(facts.tenant, k -> new Aggregate()).add(facts);
    outOfRange += facts.outOfRange;
    if (facts.terminal == null && open.size() < listLimit) {
      open.add(facts);
    }
    for (Map.Entry<Violation.Kind, Long> e : found.counts.entrySet()) {
      violationCounts.merge(e.getKey(), e.getValue(), Long::sum);
    }
    for (Violation v : found.kept) {
      if (violations.size() < listLimit) {
        violations.add(v);
      }
    }
  }

  @Override
  public void lateViolation(Violation v) {
    violationCounts.merge(v.kind(), 1L, Long::sum);
    if (violations.size() < listLimit) {
      violations.add(v);
    }
  }

  public Aggregate total() {
    return total;
  }

  /** By {@code <execution.service>.<execution.operation>}, in name order. */
  public Map<String, Aggregate> byOperation() {
    return byOperation;
  }

  /** By {@code caller.tenant_id} ({@code (none)} without one), in name order. */
  public Map<String, Aggregate> byTenant() {
    return byTenant;
  }

  public Map<Violation.Kind, Long> violationCounts() {
    return violationCounts;
  }

  public long violationTotal() {
    long n = 0;
    for (long c : violationCounts.values()) {
      n += c;
    }
    return n;
  }

  /** The first violations found, up to the list limit. */
  public List<Violation> violations() {
    return violations;
  }

  /** The first envelopes without a terminal event, up to the list limit. */
  List<EnvelopeFacts> open() {
    return open;
  }

  /** Numeric values left out of the resource totals because they were beyond ±1E+400. */
  public long outOfRange() {
    return outOfRange;
  }

  public InputStats input() {
    return input;
  }

  /** What was read: lines, events, and what was skipped and why. */
  public static final class InputStats {
    long files;
    long lines;
    long blank;
    long events;
    long torn;
    long notEvents;
    long duplicates;
    String firstTorn;
    String firstNotEvent;

    public long files() {
      return files;
    }

    public long lines() {
      return lines;
    }

    public long events() {
      return events;
    }

    /** Lines that are not one JSON value: cut by a crash, a full disk, a bad copy. */
    public long torn() {
      return torn;
    }

    /** JSON lines that are not envelope events. */
    public long notEvents() {
      return notEvents;
    }

    /** Event lines read twice (same envelope, same seq), dropped. */
    public long duplicates() {
      return duplicates;
    }

    public long blank() {
      return blank;
    }
  }
}
