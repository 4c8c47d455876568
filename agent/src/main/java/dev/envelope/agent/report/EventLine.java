package dev.envelope.agent.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the report keeps of one event line: its place in the envelope's life, hashes of the
 * envelope's families, so that snapshots can be compared without being kept, and the figures the
 * envelope counts for if this line is its last.
 */
final class EventLine {
  /** The families admission fixes (invariant 1), in the order of {@link #askHashes}. */
  static final String[] ASK_FAMILIES = {"caller", "execution", "scope", "governance", "requested"};

  final String envelopeId;
  final int seq;
  final EventKind kind;
  final long lineHash;
  final Object traceId;
  final long[] askHashes;
  /** Hash of granted and resolution together. */
  final long grantHash;
  /** {@code granted.<key>} and {@code resolution.<key>} of this snapshot, sorted. */
  final List<String> grantKeys;
  /** Where it was read, for messages: {@code file:line}. */
  final String source;
  /** What the envelope counts for if this is its last snapshot. */
  final EnvelopeFacts facts;
  /** The id the snapshot names when it is not the line's, else null. */
  final Object otherId;

  private EventLine(String envelopeId, int seq, EventKind kind, long lineHash, Object traceId,
      long[] askHashes, long grantHash, List<String> grantKeys, String source, Map<?, ?> envelope) {
    this.envelopeId = envelopeId;
    this.seq = seq;
    this.kind = kind;
    this.lineHash = lineHash;
    this.traceId = traceId;
    this.askHashes = askHashes;
    this.grantHash = grantHash;
    this.grantKeys = grantKeys;
    this.source = source;
    // Read now, on a parsing thread, so that no snapshot is kept: an open envelope costs a few
    // hundred bytes, not its whole line.
    this.facts = EnvelopeFacts.of(envelopeId, kind, envelope);
    Object named = envelope.get("envelope_id");
    this.otherId = envelopeId.equals(named) ? null : named;
  }

  /**
   * Reads the parts of an event line the report needs.
   *
   * @throws NotAnEvent when {@code line} lacks them (the message says what is missing)
   */
  static EventLine read(Object parsed, String text, String source) throws NotAnEvent {
    if (!(parsed instanceof Map)) {
      throw new NotAnEvent("not a JSON object");
    }
    Map<?, ?> line = (Map<?, ?>) parsed;
    Object id = line.get("envelope_id");
    if (!(id instanceof String) || ((String) id).isEmpty()) {
      throw new NotAnEvent("no envelope_id");
    }
    long seq = seq(line.get("seq"));
    if (seq < 1 || seq > Integer.MAX_VALUE) {
      throw new NotAnEvent("no valid seq");
    }
    EventKind kind = EventKind.of(line.get("event"));
    if (kind == null) {
      throw new NotAnEvent("no known event name");
    }
    Object envelope = line.get("envelope");
    if (!(envelope instanceof Map)) {
      throw new NotAnEvent("no envelope object");
    }
    Map<?, ?> env = (Map<?, ?>) envelope;
    if (!(env.get("execution") instanceof Map) || !(env.get("timeline") instanceof Map)) {
      throw new NotAnEvent("envelope without execution or timeline");
    }
    long[] ask = new long[ASK_FAMILIES.length];
    for (int i = 0; i < ASK_FAMILIES.length; i++) {
      ask[i] = Hashing.of(env.get(ASK_FAMILIES[i]));
    }
    Object granted = env.get("granted");
    Object resolution = env.get("resolution");
    long grantHash = Hashing.of(granted) * 31 + Hashing.of(resolution);
    List<String> keys = new ArrayList<>();
    addKeys(keys, "granted.", granted);
    addKeys(keys, "resolution.", resolution);
    Collections.sort(keys);
    return new EventLine((String) id, (int) seq, kind, Hashing.string(text),
        env.get("trace_id"), ask, grantHash, keys, source, env);
  }

  /** A seq as 2020-12 counts integers ({@code 2.0} is 2), or -1. */
  private static long seq(Object v) {
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof java.math.BigDecimal && dev.envelope.agent.json.JsonValues.isIntegral(v)) {
      try {
        return ((java.math.BigDecimal) v).longValueExact();
      } catch (ArithmeticException tooBig) {
        return -1;
      }
    }
    return -1;
  }

  private static void addKeys(List<String> keys, String prefix, Object family) {
    if (family instanceof Map) {
      for (Object k : ((Map<?, ?>) family).keySet()) {
        keys.add(prefix + k);
      }
    }
  }

  /** Whether the snapshot names another envelope than the line does. */
  boolean idMismatch() {
    return otherId != null;
  }

  /** A line that parsed as JSON but is not an envelope event line. */
  static final class NotAnEvent extends Exception {
    private static final long serialVersionUID = 1L;

    NotAnEvent(String why) {
      super(why, null, false, false);
    }
  }
}
