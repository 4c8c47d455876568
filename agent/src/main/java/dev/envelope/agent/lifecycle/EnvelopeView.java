package dev.envelope.agent.lifecycle;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Fields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An envelope as the application-side API sees it: plain read-only maps of JDK types, since the
 * application's classes and the agent's share nothing but the JDK.
 */
final class EnvelopeView {
  private EnvelopeView() {}

  static Map<String, Object> of(Envelope e) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("envelope_id", e.id());
    view.put("parent_envelope_id", e.admission().parentEnvelopeId());
    view.put("phase", e.phase().wireName());
    view.put("trace_id", e.traceId());
    view.put("span_id", e.spanId());
    for (Family f : Family.values()) {
      view.put(f.wireName(), e.family(f).asMap());
    }
    Map<String, Object> extensions = new LinkedHashMap<>();
    for (Map.Entry<String, Fields> ext : e.extensions().entrySet()) {
      extensions.put(ext.getKey(), ext.getValue().asMap());
    }
    view.put("extensions", Collections.unmodifiableMap(extensions));
    return Collections.unmodifiableMap(view);
  }
}
