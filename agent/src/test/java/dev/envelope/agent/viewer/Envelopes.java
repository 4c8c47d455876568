package dev.envelope.agent.viewer;

import dev.envelope.agent.model.Admission;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Failure;
import dev.envelope.agent.model.FailureStage;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Fields;
import dev.envelope.agent.record.Transition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Envelopes and transitions for the viewer's tests, as the dispatcher would make them. */
final class Envelopes {
  static final Instant T0 = Instant.parse("2026-11-27T20:11:52.123456Z");
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private Envelopes() {}

  static Fields fields(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Fields.of(m);
  }

  /** An id like {@code 0193f0c2-7a51-7c3e-9f4e-00000000000<n>}. */
  static String id(int n) {
    return String.format("0193f0c2-7a51-7c3e-9f4e-%012d", n);
  }

  static Envelope admitted(int n, String service, String operation, String tenant) {
    return admitted(n, service, operation, fields("requester_urn", "urn:user:alice",
        "tenant_id", tenant), List.of());
  }

  static Envelope admitted(int n, String service, String operation, Fields caller,
      List<String> redacted) {
    Admission a = Admission.builder()
        .envelopeId(id(n))
        .family(Family.CALLER, caller)
        .family(Family.EXECUTION, fields("kind", "deployment", "service", service,
            "operation", operation, "handler", "com.acme.Api#" + operation))
        .family(Family.REQUESTED, fields("engine", "vllm", "gpu_count", 4L))
        .redacted(redacted)
        .admittedAt(T0.plusSeconds(n))
        .build();
    return Envelope.admit(a, TRACE_ID, "00f067aa0ba902b7");
  }

  static Envelope narrowed(Envelope admitted) {
    return admitted.resolve(fields("gpu_count", 2L, "engine", "vllm-0.6"),
        fields("node", "gpu-node-1"), List.of(), admitted.admittedAt().plusMillis(3));
  }

  static Envelope failed(Envelope admitted) {
    return admitted.fail(Failure.of(FailureStage.ADMISSION,
        "com.acme.InvalidRequestException", "engine 'sglang' is not supported"),
        admitted.admittedAt().plusMillis(2));
  }

  static Transition transition(Envelope e, int seq) {
    return new Transition(e, seq, e.admittedAt().plusMillis(seq), Fields.EMPTY, Fields.EMPTY, null,
        null);
  }
}
