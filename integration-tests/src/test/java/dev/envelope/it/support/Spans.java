package dev.envelope.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Spans the agent's console exporter printed on stdout ({@code [envelope-agent] span {...}}). */
public final class Spans {
  private static final String PREFIX = "[envelope-agent] span ";

  private Spans() {}

  public static List<JsonNode> fromStdout(String stdout) throws IOException {
    List<JsonNode> spans = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith(PREFIX)) {
        spans.add(Events.parse(line.substring(PREFIX.length())));
      }
    }
    return spans;
  }

  /** The span whose {@code envelope.id} attribute is {@code envelopeId}. */
  public static JsonNode withEnvelopeId(List<JsonNode> spans, String envelopeId) {
    for (JsonNode span : spans) {
      if (envelopeId.equals(span.at("/attributes/envelope.id").asText())) {
        return span;
      }
    }
    throw new AssertionError("no span for envelope " + envelopeId + " among " + spans.size());
  }
}
