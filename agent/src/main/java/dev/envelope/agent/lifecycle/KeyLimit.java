package dev.envelope.agent.lifecycle;

import dev.envelope.agent.capture.CaptureStats;
import dev.envelope.agent.model.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key limit held across a whole envelope, not only per capture: each grant is bounded, but an
 * envelope granted ten thousand times, each time a new key, would grow with every grant, and so
 * would every snapshot waiting in the recording queue and every event line (quadratic memory: it
 * ran a 256 MB application out of heap). Keys already held are still refined; new keys past the
 * limit are dropped and counted. Nothing held is ever removed (invariant 2).
 */
final class KeyLimit {
  private KeyLimit() {}

  /**
   * The part of {@code adding} that may join {@code have}: refinements of its keys, and new keys
   * while there is room. Qualified names ({@code prefix + key}) of dropped keys go to
   * {@code dropped}.
   */
  static Fields within(Fields have, Fields adding, int maxKeys, String prefix, List<String> dropped,
      CaptureStats stats) {
    if (have.size() + adding.size() <= maxKeys) {
      return adding;
    }
    int room = maxKeys - have.size();
    Map<String, Object> kept = new LinkedHashMap<>();
    for (int i = 0; i < adding.size(); i++) {
      String key = adding.key(i);
      if (have.get(key) != null) {
        kept.put(key, adding.value(i));
      } else if (room > 0) {
        kept.put(key, adding.value(i));
        room--;
      } else {
        dropped.add(prefix + key);
      }
    }
    stats.countKeysDropped(adding.size() - kept.size());
    return kept.size() == adding.size() ? adding : Fields.of(kept);
  }

  /** {@code redacted} without the keys that were dropped: evidence only of what is there. */
  static List<String> without(List<String> redacted, List<String> dropped) {
    if (dropped.isEmpty() || redacted.isEmpty()) {
      return redacted;
    }
    List<String> kept = new ArrayList<>(redacted);
    kept.removeAll(dropped);
    return kept;
  }
}
