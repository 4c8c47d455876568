package dev.envelope.agent.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envelope.agent.json.JsonReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The jar's own 2020-12 validator (what {@code validate} runs) gives the same verdict as a full
 * implementation (networknt's, which the agent's schema tests use) on valid lines and on
 * thousands of randomly broken ones; and it refuses a schema keyword it does not implement.
 */
class SchemaValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SchemaValidator OURS;

  static {
    try {
      OURS = SchemaValidator.forEventLines();
    } catch (SchemaException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Our validator's problems with {@code line}. */
  static List<String> ours(JsonNode line) {
    try {
      return OURS.validate(JsonReader.parse(JSON.writeValueAsString(line)), 10);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void agreesWithAFullImplementationOnRandomlyBrokenLines() throws Exception {
    EnvelopeSchemaTest lines = new EnvelopeSchemaTest();
    Random random = new Random(7);
    String[] starts = {"admission", "resolved", "finalized", "failed_admission"};
    int rejected = 0;
    int accepted = 0;
    for (int i = 0; i < 4000; i++) {
      ObjectNode line = (ObjectNode) lines.validLine(starts[random.nextInt(starts.length)]);
      int mutations = 1 + random.nextInt(2);
      for (int m = 0; m < mutations; m++) {
        mutate(line, random);
      }
      boolean full = EnvelopeSchemaTest.errors(EnvelopeSchemaTest.EVENT, line).isEmpty();
      List<String> mine = ours(line);
      assertThat(mine.isEmpty()).as("verdict on %s: networknt %s, ours %s", line,
          EnvelopeSchemaTest.errors(EnvelopeSchemaTest.EVENT, line), mine).isEqualTo(full);
      if (full) {
        accepted++;
      } else {
        rejected++;
      }
    }
    // Both kinds of verdict were exercised, many times.
    assertThat(rejected).isGreaterThan(1000);
    assertThat(accepted).isGreaterThan(300);
  }

  @Test
  void problemsNameThePathAndTheRule() throws Exception {
    ObjectNode line = (ObjectNode) new EnvelopeSchemaTest().validLine("resolved");
    ((ObjectNode) line.get("envelope")).put("phase", "running");
    ((ObjectNode) line.get("envelope").get("caller")).remove("requester_urn");
    assertThat(ours(line)).contains(
        "$.envelope.phase: \"running\" is not one of [\"admission\", \"resolved\", \"finalized\","
            + " \"failed\"]",
        "$.envelope.caller: required property 'requester_urn' is missing");
  }

  @Test
  void aKeywordItDoesNotImplementIsRefusedAtLoad() throws Exception {
    Object schema = JsonReader.parse("{\"$id\":\"https://x.test/s.json\",\"type\":\"array\","
        + "\"minItems\":2}");
    assertThatThrownBy(() -> SchemaValidator.of(List.of(schema), "https://x.test/s.json"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("unsupported keyword 'minItems'");
  }

  @Test
  void aReferenceToNothingIsRefusedAtLoad() throws Exception {
    Object schema = JsonReader.parse("{\"$id\":\"https://x.test/s.json\","
        + "\"$ref\":\"#/$defs/missing\"}");
    assertThatThrownBy(() -> SchemaValidator.of(List.of(schema), "https://x.test/s.json"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("points at nothing");
  }

  @Test
  void integersAreWholeNumbersWhateverTheirSpelling() throws Exception {
    Object schema = JsonReader.parse("{\"$id\":\"https://x.test/i.json\",\"type\":\"integer\","
        + "\"minimum\":1}");
    SchemaValidator v = SchemaValidator.of(List.of(schema), "https://x.test/i.json");
    assertThat(v.isValid(JsonReader.parse("2"))).isTrue();
    assertThat(v.isValid(JsonReader.parse("2.0"))).isTrue();
    assertThat(v.isValid(JsonReader.parse("2e3"))).isTrue();
    assertThat(v.isValid(JsonReader.parse("2.5"))).isFalse();
    assertThat(v.isValid(JsonReader.parse("0"))).isFalse();
    assertThat(v.isValid(JsonReader.parse("1E-999999999"))).isFalse();
    assertThat(v.isValid(JsonReader.parse("\"2\""))).isFalse();
  }

  // ---- mutations ----

  private static final String[] NAMES = {"resolved_at", "finalized_at", "failed_at", "stage",
      "gpu_count", "Bad NS", "serving.vllm", "granted.extra", "x", "truncated", "failure",
      "requester_urn", "kind", "phase", "seq", "envelope_id", "trace_id", "caller", "level"};

  private static void mutate(ObjectNode root, Random random) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(root, objects);
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    int op = random.nextInt(3);
    if (op == 0 && !names.isEmpty()) {
      target.remove(names.get(random.nextInt(names.size())));
    } else if (op == 1 && !names.isEmpty()) {
      target.set(names.get(random.nextInt(names.size())), value(random, target));
    } else {
      target.set(NAMES[random.nextInt(NAMES.length)], value(random, target));
    }
  }

  private static void collect(JsonNode node, List<ObjectNode> into) {
    if (node instanceof ObjectNode) {
      into.add((ObjectNode) node);
    }
    for (Iterator<JsonNode> i = node.elements(); i.hasNext(); ) {
      collect(i.next(), into);
    }
  }

  private static JsonNode value(Random random, ObjectNode near) {
    switch (random.nextInt(22)) {
      case 0: return NODES.textNode("");
      case 1: return NODES.textNode("x");
      case 2: return NODES.textNode("admission");
      case 3: return NODES.textNode("failed");
      case 4: return NODES.textNode("2026-11-27T20:11:52.123456Z");
      case 5: return NODES.textNode("2026-11-27T20:11:52Z");
      case 6: return NODES.textNode("0193f0c2-7a51-7c3e-9f4e-2b1d0c8e5a11");
      case 7: return NODES.textNode("envelope.failed");
      case 8: return NODES.numberNode(0);
      case 9: return NODES.numberNode(1);
      case 10: return NODES.numberNode(2);
      case 11: return NODES.numberNode(1.5);
      case 12: return NODES.numberNode(new java.math.BigDecimal("3.0"));
      case 13: return NODES.booleanNode(random.nextBoolean());
      case 14: return NODES.nullNode();
      case 15: return NODES.objectNode();
      case 16: return NODES.arrayNode();
      case 17: {
        ArrayNode a = NODES.arrayNode();
        a.add(1).add("a");
        return a;
      }
      case 18: {
        ArrayNode a = NODES.arrayNode();
        a.add(NODES.objectNode());
        return a;
      }
      case 19: return NODES.objectNode().put("stage", "admission").put("error_type", "E")
          .put("reason", "");
      case 20: return NODES.textNode("4bf92f3577b34da6a3ce929d0e0e4736");
      default: {
        ObjectNode copy = near.deepCopy();
        return copy.size() > 0 ? copy : NODES.objectNode().put("k", 1);
      }
    }
  }
}
