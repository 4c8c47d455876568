package dev.envelope.agent.report;

import dev.envelope.agent.json.JsonValues;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one envelope adds to the report's figures, read from its last snapshot. */
final class EnvelopeFacts {
  static final String NO_TENANT = "(none)";

  final String envelopeId;
  final String operation;
  final String tenant;
  final long admittedAt;
  /** Terminal event, or {@code null} for an envelope with none in the input. */
  final EventKind terminal;
  final String failureStage;
  /** Admission to terminal in microseconds, or -1 without a terminal time. */
  final long latencyMicros;
  final Map<String, BigDecimal> requested;
  final Map<String, BigDecimal> granted;
  /** The phase of the last snapshot. */
  final String phase;
  /** Numbers the figures left out because no sum could hold them (beyond ±1E+400). */
  final int outOfRange;

  private EnvelopeFacts(String envelopeId, String operation, String tenant, long admittedAt,
      EventKind terminal, String failureStage, long latencyMicros,
      Map<String, BigDecimal> requested, Map<String, BigDecimal> granted, String phase,
      int outOfRange) {
    this.envelopeId = envelopeId;
    this.operation = operation;
    this.tenant = tenant;
    this.admittedAt = admittedAt;
    this.terminal = terminal;
    this.failureStage = failureStage;
    this.latencyMicros = latencyMicros;
    this.requested = requested;
    this.granted = granted;
    this.phase = phase;
    this.outOfRange = outOfRange;
  }

  static EnvelopeFacts of(String envelopeId, EventKind kind, Map<?, ?> env) {
    Map<?, ?> execution = map(env.get("execution"));
    Map<?, ?> caller = map(env.get("caller"));
    Map<?, ?> timeline = map(env.get("timeline"));
    String service = scalar(execution.get("service"));
    String op = scalar(execution.get("operation"));
    String operation = service == null || service.isEmpty() ? String.valueOf(op)
        : service + "." + (op == null ? "" : op);
    String tenant = scalar(caller.get("tenant_id"));
    long admitted = Timestamps.micros(timeline.get("admitted_at"));
    EventKind terminal = kind.terminal() ? kind : null;
    long latency = -1;
    if (terminal != null && admitted != Timestamps.INVALID) {
      long end = Timestamps.micros(timeline.get(terminal == EventKind.FINALIZED ? "finalized_at"
          : "failed_at"));
      latency = end == Timestamps.INVALID || end < admitted ? -1 : end - admitted;
    }
    String stage = null;
    if (terminal == EventKind.FAILED) {
      stage = scalar(map(env.get("failure")).get("stage"));
      stage = stage == null ? "unknown" : stage;
    }
    int[] outOfRange = new int[1];
    Map<String, BigDecimal> requested = numbers(env.get("requested"), outOfRange);
    Map<String, BigDecimal> granted = numbers(env.get("granted"), outOfRange);
    return new EnvelopeFacts(envelopeId, operation,
        tenant == null || tenant.isEmpty() ? NO_TENANT : tenant, admitted, terminal, stage, latency,
        requested, granted, scalar(env.get("phase")), outOfRange[0]);
  }

  private static Map<String, BigDecimal> numbers(Object family, int[] outOfRange) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map(family).entrySet()) {
      Object v = e.getValue();
      if (v instanceof Long) {
        out.put(String.valueOf(e.getKey()), BigDecimal.valueOf((Long) v));
      } else if (v instanceof BigDecimal) {
        BigDecimal d = (BigDecimal) v;
        // Adding 1E+999999999 to a sum would build its billion digits.
        // In long: precision - scale overflows int for 1E+2147483647.
        if (d.signum() != 0 && ((long) d.precision() - d.scale() > 400 || d.scale() > 400)) {
          outOfRange[0]++;
        } else {
          out.put(String.valueOf(e.getKey()), d);
        }
      }
    }
    return out;
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map ? (Map<?, ?>) o : Map.of();
  }

  private static String scalar(Object o) {
    if (o == null || o instanceof Map || o instanceof java.util.List) {
      return null;
    }
    return o instanceof String ? (String) o : JsonValues.brief(o);
  }
}
