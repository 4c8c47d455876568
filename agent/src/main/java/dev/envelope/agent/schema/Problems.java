package dev.envelope.agent.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with an instance: counted always, described up to a limit. A limit of 0 only
 * counts, which is what the applicators use to test a subschema without building messages.
 */
final class Problems {
  final List<String> list = new ArrayList<>();
  final int limit;
  int count;

  Problems(int limit) {
    this.limit = limit;
  }

  void add(String problem) {
    count++;
    if (list.size() < limit) {
      list.add(problem);
    }
  }

  /** True once nothing more would be recorded: a pure check can stop at the first problem. */
  boolean full() {
    return limit == 0 ? count > 0 : list.size() >= limit;
  }
}
