package dev.envelope.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The JSON Lines events an agent run wrote, parsed by an independent JSON parser. */
public final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<JsonNode> lines;

  private Events(List<JsonNode> lines) {
    this.lines = lines;
  }

  /** Reads {@code file}; every line must be one complete JSON object. */
  public static Events read(Path file) throws IOException {
    return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /**
   * Reads a file its writer may have been killed in the middle of: a last line without its newline
   * is torn and skipped, as a reader must; every complete line must still be a valid event.
   */
  public static Events readAfterCrash(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n') + 1;
    return parse(file, end == 0 ? List.of()
        : List.of(text.substring(0, end - 1).split("\n", -1)));
  }

  /**
   * Event lines taken from elsewhere (e.g. the lines of a process's stdout that start with
   * <code>{</code>); each is checked as a line of the file would be. {@code source} names them in
   * failures.
   */
  public static Events ofLines(String source, List<String> lines) {
    return parse(Path.of(source), lines);
  }

  /** Whether the file ends in the middle of a line. */
  public static boolean endsTorn(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return bytes.length > 0 && bytes[bytes.length - 1] != '\n';
  }

  private static Events parse(Path file, List<String> all) {
    List<JsonNode> lines = new ArrayList<>();
    int n = 0;
    for (String line : all) {
      n++;
      if (line.isEmpty()) {
        throw new AssertionError(file + ":" + n + " is empty");
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError(file + ":" + n + " is not JSON: " + line, e);
      }
      if (!node.isObject()) {
        throw new AssertionError(file + ":" + n + " is not a JSON object");
      }
      if (line.getBytes(StandardCharsets.UTF_8).length >= 64 * 1024) {
        throw new AssertionError(file + ":" + n + " is 64 KiB or longer");
      }
      Schemas.assertValid(node, file + ":" + n);
      lines.add(node);
    }
    return new Events(lines);
  }

  public static JsonNode parse(String json) throws IOException {
    return JSON.readTree(json);
  }

  public List<JsonNode> all() {
    return lines;
  }

  public int size() {
    return lines.size();
  }

  /** Events grouped by envelope id, each group in file order. */
  public Map<String, List<JsonNode>> byEnvelope() {
    return lines.stream().collect(Collectors.groupingBy(e -> e.get("envelope_id").asText(),
        LinkedHashMap::new, Collectors.toList()));
  }

  /** Event names of each envelope, in order: e.g. [envelope.admitted, envelope.failed]. */
  public List<List<String>> sequences() {
    return byEnvelope().values().stream()
        .map(es -> es.stream().map(e -> e.get("event").asText()).collect(Collectors.toList()))
        .collect(Collectors.toList());
  }

  /** The events of the envelope whose admitted event's {@code caller.request_id} is given. */
  public List<JsonNode> forRequest(String requestId) {
    for (List<JsonNode> events : byEnvelope().values()) {
      JsonNode caller = events.get(0).at("/envelope/caller/request_id");
      if (requestId.equals(caller.asText())) {
        return events;
      }
    }
    throw new AssertionError("no envelope for request " + requestId + " among " + size()
        + " events");
  }

  /** The events of every envelope whose execution.operation is {@code operation}. */
  public List<List<JsonNode>> forOperation(String operation) {
    return byEnvelope().values().stream()
        .filter(es -> operation.equals(es.get(0).at("/envelope/execution/operation").asText()))
        .collect(Collectors.toList());
  }
}
