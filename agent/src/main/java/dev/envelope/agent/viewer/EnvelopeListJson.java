package dev.envelope.agent.viewer;

import dev.envelope.agent.record.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code /api/envelopes}:
 *
 * <pre>{@code
 * {"capacity":200,"kept":23,"matched":4,"trace_url":"http://localhost:16686/trace/{trace_id}",
 *  "choices":{"operation":["serving.deploy_model",...],"tenant":["acme",...]},
 *  "envelopes":[<event line>,...]}
 * }</pre>
 *
 * Each element of {@code envelopes} is the latest event line of one envelope, exactly as the events
 * file has it (SPEC §5, {@code envelope-event.schema.json}), newest admission first. The snapshots
 * are copied into the response one by one, never joined into one big string.
 */
final class EnvelopeListJson {
  private EnvelopeListJson() {}

  static void write(OutputStream out, List<ViewedEnvelope> all, EnvelopeQuery query,
      int capacity, String traceUrl) throws IOException {
    List<ViewedEnvelope> matching = query.matching(all);
    StringBuilder head = new StringBuilder(256);
    head.append("{\"capacity\":").append(capacity)
        .append(",\"kept\":").append(all.size())
        .append(",\"matched\":").append(matching.size())
        .append(",\"trace_url\":");
    if (traceUrl == null) {
      head.append("null");
    } else {
      JsonWriter.string(head, traceUrl);
    }
    Set<String> operations = new TreeSet<>();
    Set<String> tenants = new TreeSet<>();
    for (ViewedEnvelope e : all) {
      if (e.operation() != null) {
        operations.add(e.qualifiedOperation());
      }
      if (e.tenant() != null) {
        tenants.add(e.tenant());
      }
    }
    head.append(",\"choices\":{\"operation\":");
    strings(head, operations);
    head.append(",\"tenant\":");
    strings(head, tenants);
    head.append("},\"envelopes\":[");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    int n = Math.min(matching.size(), query.limit());
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(matching.get(i).line().getBytes(StandardCharsets.UTF_8));
    }
    out.write("]}".getBytes(StandardCharsets.UTF_8));
  }

  private static void strings(StringBuilder out, Set<String> values) {
    out.append('[');
    boolean first = true;
    for (String v : values) {
      if (!first) {
        out.append(',');
      }
      JsonWriter.string(out, v);
      first = false;
    }
    out.append(']');
  }
}
