package dev.envelope.agent.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The violations found in one envelope: all counted by kind, the first few kept to be listed, so
 * that a record with a million conflicting lines for one id costs counters, not a million objects.
 */
final class Found {
  static final int KEPT = 16;

  /** Empty until the first violation: most envelopes have none. */
  List<Violation> kept = List.of();
  Map<Violation.Kind, Long> counts = Map.of();

  void add(Violation v) {
    if (counts.isEmpty()) {
      counts = new EnumMap<>(Violation.Kind.class);
      kept = new ArrayList<>(2);
    }
    counts.merge(v.kind(), 1L, Long::sum);
    if (kept.size() < KEPT) {
      kept.add(v);
    }
  }
}
