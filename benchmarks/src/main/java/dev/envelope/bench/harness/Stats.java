package dev.envelope.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Means and medians over runs. */
final class Stats {
  private Stats() {}

  static List<Double> values(List<Map<String, Object>> rows, String key) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Object v = row.get(key);
      if (v instanceof Number) {
        out.add(((Number) v).doubleValue());
      }
    }
    return out;
  }

  static Double mean(List<Map<String, Object>> rows, String key) {
    List<Double> v = values(rows, key);
    return v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).average().getAsDouble();
  }

  static Double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.removeIf(d -> d == null || d.isNaN());
    if (v.isEmpty()) {
      return null;
    }
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
