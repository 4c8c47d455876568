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

  final List<Violation> kept = new ArrayList<>(0);
  final Map<Violation.Kind, Long> counts = new EnumMap<>(Violation.Kind.class);

  void add(Violation v) {
    counts.merge(v.kind(), 1L, Long::sum);
    if (kept.size() < KEPT) {
      kept.add(v);
    }
  }
}
