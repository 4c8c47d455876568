package dev.envelope.sample.demo;

import dev.envelope.sample.json.JsonParseException;
import dev.envelope.sample.json.JsonParser;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Formats the demo's output: one line per request, then a total line. */
public final class DemoSummary {

  private DemoSummary() {}

  /**
   * One line, e.g. {@code POST /serving/deploy_model  tenant=acme  asked gpu=4 engine=vllm -> 201
   * granted gpu=2 node=gpu-node-1 dep-000002}; which values are shown depends on the route (see
   * {@link LineFormat}).
   */
  public static String line(DemoOutcome outcome) {
    DemoRequest request = outcome.request();
    LineFormat format = LineFormat.of(request);
    StringBuilder line = new StringBuilder(request.method()).append(' ')
        .append(request.pathOnly())
        .append("  tenant=").append(request.tenant() == null ? "-" : request.tenant())
        .append("  ");
    Map<String, Object> asked = asked(request);
    if (asked == null) {
      line.append("asked (malformed JSON)");
    } else {
      line.append("asked");
      format.asked().forEach(shown -> appendValue(line, shown, asked));
    }
    line.append(" -> ").append(outcome.status());
    Map<String, Object> answer = objectOrNull(outcome.body());
    if (answer != null && answer.containsKey("error")) {
      line.append(" error=\"").append(answer.get("error")).append('"');
    } else if (answer != null) {
      line.append(' ').append(format.verb());
      format.answered().forEach(shown -> appendValue(line, shown, answer));
      if (format.idKey() != null) {
        line.append(' ').append(show(answer.get(format.idKey())));
      }
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

  /** The body's fields and the query's flags, or {@code null} when a body was sent but is not an object. */
  private static Map<String, Object> asked(DemoRequest request) {
    Map<String, Object> asked = new LinkedHashMap<>();
    if (request.body() != null) {
      Map<String, Object> body = objectOrNull(request.body());
      if (body == null) {
        return null;
      }
      asked.putAll(body);
    }
    if (request.query() != null) {
      for (String pair : request.query().split("&")) {
        int eq = pair.indexOf('=');
        asked.putIfAbsent(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return asked;
  }

  private static void appendValue(StringBuilder line, LineFormat.Shown shown,
      Map<String, Object> values) {
    line.append(' ').append(shown.label()).append('=').append(show(values.get(shown.key())));
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
