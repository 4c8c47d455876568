package dev.envelope.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  @SuppressWarnings("unchecked")
  void readsEveryKindOfValue() throws Exception {
    Object v = JsonReader.parse(" {\"a\":[1,-2.5,1e3,true,false,null,\"x\\u00e9\\n\\\"\"],"
        + "\"b\":{},\"c\":[],\"d\":12345678901234567890} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat((List<Object>) m.get("a")).containsExactly(1L, new BigDecimal("-2.5"),
        new BigDecimal("1e3"), true, false, null, "xé\n\"");
    assertThat(m.get("b")).isEqualTo(Map.of());
    assertThat(m.get("c")).isEqualTo(List.of());
    assertThat(m.get("d")).isEqualTo(new BigDecimal("12345678901234567890"));
    assertThat(JsonReader.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonReader.parse("\"\\ud83d\\ude00\"")).isEqualTo("😀");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1|expected ',' or '}', found end of input",
      "{\"a\":1}x|unexpected 'x' after the value",
      "{\"a\":1,\"a\":2}|duplicate member 'a'",
      "[1,]|unexpected ']'",
      "01|unexpected '1' after the value",
      "1.|expected a digit",
      "-|expected a digit",
      "\"abc|unterminated string",
      "\"a\\x\"|invalid escape",
      "\"\\u12\"|\\u escape",
      "nul|unexpected 'n'",
      "{a:1}|expected a member name",
      "''|unexpected",
      "1e99999999999|number out of range",
      "\"\\u００４１\"|invalid \\u escape"})
  void refusesWhatIsNotOneJsonValue(String text, String message) {
    assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOf(JsonSyntaxException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesRawControlCharactersAndDeepNesting() {
    assertThatThrownBy(() -> JsonReader.parse("\"a\tb\"")).hasMessageContaining("U+0009");
    assertThatThrownBy(() -> JsonReader.parse("[".repeat(300) + "]".repeat(300)))
        .hasMessageContaining("nested deeper than 256");
    assertThatThrownBy(() -> JsonReader.parse("")).hasMessageContaining("end of input");
  }

  @Test
  void everyPrefixOfALineIsTorn() throws Exception {
    String line = "{\"event\":\"envelope.admitted\",\"seq\":1,\"v\":[1.5,\"a\\\"b\"],\"n\":null}";
    JsonReader.parse(line);
    for (int i = 0; i < line.length(); i++) {
      String prefix = line.substring(0, i);
      assertThatThrownBy(() -> JsonReader.parse(prefix)).as(prefix)
          .isInstanceOf(JsonSyntaxException.class);
    }
  }

  @Test
  void readsWhatJacksonWritesAsJacksonReadsIt() throws Exception {
    ObjectMapper jackson = new ObjectMapper();
    Random random = new Random(3);
    for (int i = 0; i < 500; i++) {
      Object value = randomValue(random, 0);
      String text = jackson.writeValueAsString(value);
      assertThat(jackson.writeValueAsString(JsonReader.parse(text))).as(text)
          .isEqualTo(jackson.writeValueAsString(jackson.readValue(text, Object.class)));
    }
  }

  private static Object randomValue(Random r, int depth) {
    switch (depth > 3 ? r.nextInt(4) : r.nextInt(6)) {
      case 0: return r.nextLong();
      case 1: {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
          b.append((char) r.nextInt(0x3000));
        }
        return b.toString();
      }
      case 2: return r.nextBoolean();
      case 3: return null;
      case 4: {
        java.util.List<Object> l = new java.util.ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          l.add(randomValue(r, depth + 1));
        }
        return l;
      }
      default: {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          m.put("k" + r.nextInt(100), randomValue(r, depth + 1));
        }
        return m;
      }
    }
  }
}
