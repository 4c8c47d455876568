package dev.envelope.sample.demo;

import dev.envelope.sample.http.SampleServer;
import dev.envelope.sample.json.JsonParseException;
import dev.envelope.sample.json.JsonParser;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Formats the demo's output: one line per request, then a total line. */
public final class DemoSummary {

  private DemoSummary() {}

  /**
   * One line, e.g. {@code POST /serving/deploy_model  tenant=acme  asked gpu=4 engine=vllm -> 201
   * granted gpu=2 node=gpu-node-1}.
   */
  public static String line(DemoOutcome outcome) {
    DemoRequest request = outcome.request();
    StringBuilder line = new StringBuilder("POST ").append(SampleServer.DEPLOY_PATH)
        .append("  tenant=").append(request.tenant() == null ? "-" : request.tenant())
        .append("  ");
    Map<String, Object> asked = objectOrNull(request.body());
    if (asked == null) {
      line.append("asked (malformed JSON)");
    } else {
      line.append("asked gpu=").append(show(asked.get("gpu_count")))
          .append(" engine=").append(show(asked.get("engine")));
    }
    line.append(" -> ").append(outcome.status());
    Map<String, Object> answer = objectOrNull(outcome.body());
    if (answer != null && answer.containsKey("error")) {
      line.append(" error=\"").append(answer.get("error")).append('"');
    } else if (answer != null) {
      line.append(" granted gpu=").append(show(answer.get("gpu_count")))
          .append(" node=").append(show(answer.get("node")))
          .append(' ').append(show(answer.get("deployment_id")));
    }
    if (!outcome.asExpected()) {
      line.append("  (expected ").append(request.expectedStatus()).append(')');
    }
    return line.toString();
  }

  /** The total line, e.g. {@code total 3 requests: 201 x2, 409 x1; all as expected}. */
  public static String total(List<DemoOutcome> outcomes) {
    Map<Integer, Integer> byStatus = new TreeMap<>();
    long unexpected = 0;
    for (DemoOutcome outcome : outcomes) {
      byStatus.merge(outcome.status(), 1, Integer::sum);
      if (!outcome.asExpected()) {
        unexpected++;
      }
    }
    StringJoiner counts = new StringJoiner(", ");
    byStatus.forEach((status, count) -> counts.add(status + " x" + count));
    return "total " + outcomes.size() + " requests: " + counts + "; "
        + (unexpected == 0 ? "all as expected" : unexpected + " not as expected");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> objectOrNull(String json) {
    try {
      Object parsed = JsonParser.parse(json);
      return parsed instanceof Map ? (Map<String, Object>) parsed : null;
    } catch (JsonParseException e) {
      return null;
    }
  }

  private static String show(Object value) {
    if (value == null) {
      return "-";
    }
    return value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
  }
}
