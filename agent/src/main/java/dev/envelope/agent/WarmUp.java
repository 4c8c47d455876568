package dev.envelope.agent;

import dev.envelope.agent.capture.FamilyCapture;
import dev.envelope.agent.capture.FieldSelection;
import dev.envelope.agent.capture.Flattener;
import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.model.Admission;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Fields;
import dev.envelope.agent.record.EventEncoder;
import dev.envelope.agent.record.Transition;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads what the first admission needs (capture, the envelope model, the line encoder) on an agent
 * thread right after start, so the application's first request does not load it. Nothing is
 * recorded: the envelope built here is encoded and dropped.
 */
final class WarmUp {
  private WarmUp() {}

  static void start(Flattener flattener, EventEncoder encoder) {
    Thread thread = new Thread(() -> {
      try {
        run(flattener, encoder);
      } catch (Throwable t) {
        Diagnostics.debug("warm-up skipped: " + Diagnostics.describe(t));
      }
    }, "envelope-agent-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  static String run(Flattener flattener, EventEncoder encoder) {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("count", 1);
    Map<String, Object> ask = new LinkedHashMap<>();
    ask.put("name", "warm-up");
    ask.put("nested", nested);
    FamilyCapture requested = flattener.newFamily("requested");
    flattener.capture(ask, "", "value", FieldSelection.ALL, false, requested);
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("kind", "other");
    execution.put("service", "envelope-agent");
    execution.put("operation", "warm_up");
    Instant now = Instant.now();
    Envelope admitted = Envelope.admit(Admission.of("00000000-0000-7000-8000-000000000000", null,
        null, Fields.of(execution), null, null, requested.fields(), Collections.emptyMap(),
        requested.redacted(), now), null, null);
    Envelope ended = admitted.resolve(requested.fields(), Fields.EMPTY, Collections.emptyList(), now)
        .finalizeWith(Fields.EMPTY, Collections.emptyList(), now);
    return encoder.encode(new Transition(admitted, 1, now, Fields.EMPTY, Fields.EMPTY, null, null))
        + encoder.encode(new Transition(ended, 3, now, Fields.EMPTY, Fields.EMPTY, null, null));
  }
}
