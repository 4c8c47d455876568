package dev.envelope.agent.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The figures of one group of envelopes: all of them, one operation, or one tenant. */
public final class Aggregate {
  private long envelopes;
  private long finalized;
  private final Map<String, Long> failedByStage = new TreeMap<>();
  private long failed;
  private long open;
  private final Map<String, ResourceTotals> resources = new TreeMap<>();
  private long[] latencies = new long[16];
  private int latencyCount;
  private boolean sorted = true;

  void add(EnvelopeFacts f) {
    envelopes++;
    if (f.terminal == null) {
      open++;
    } else if (f.terminal == EventKind.FINALIZED) {
      finalized++;
    } else {
      failed++;
      failedByStage.merge(f.failureStage, 1L, Long::sum);
    }
    if (f.latencyMicros >= 0) {
      if (latencyCount == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencyCount * 2);
      }
      latencies[latencyCount++] = f.latencyMicros;
      sorted = false;
    }
    TreeSet<String> keys = new TreeSet<>(f.requested.keySet());
    keys.addAll(f.granted.keySet());
    for (String key : keys) {
      BigDecimal asked = f.requested.get(key);
      BigDecimal granted = f.granted.get(key);
      resources.computeIfAbsent(key, k -> new ResourceTotals()).add(asked, granted);
    }
  }

  public long envelopes() {
    return envelopes;
  }

  public long finalized() {
    return finalized;
  }

  public long failed() {
    return failed;
  }

  /** Failed envelopes by {@code failure.stage}, stages in name order. */
  public Map<String, Long> failedByStage() {
    return failedByStage;
  }

  /** Envelopes without a terminal event in the input. */
  public long open() {
    return open;
  }

  /** Numeric keys of {@code requested} and {@code granted}, in name order. */
  public Map<String, ResourceTotals> resources() {
    return resources;
  }

  /** Envelopes with an admission-to-terminal time. */
  public int latencyCount() {
    return latencyCount;
  }

  /**
   * The {@code p}-th percentile (1..100) of admission-to-terminal time in microseconds, by nearest
   * rank: the smallest value with at least p% of the values at or below it; -1 when none.
   */
  public long latencyPercentile(int p) {
    if (latencyCount == 0) {
      return -1;
    }
    if (!sorted) {
      Arrays.sort(latencies, 0, latencyCount);
      sorted = true;
    }
    // Integer arithmetic: 0.95 * 100 in doubles is 95.00000000000001, one rank too far.
    long rank = ((long) p * latencyCount + 99) / 100;
    return latencies[(int) Math.max(0, Math.min(latencyCount, rank) - 1)];
  }
}
