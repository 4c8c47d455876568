package dev.envelope.sample.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void writesCompactObjectsInIterationOrder() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("z", 1L);
    object.put("a", List.of("x", true, false));
    object.put("m", null);
    object.put("n", new LinkedHashMap<>());

    assertThat(JsonWriter.write(object)).isEqualTo("{\"z\":1,\"a\":[\"x\",true,false],\"m\":null,\"n\":{}}");
  }

  @Test
  void writesNumbersWithoutLosingDigits() {
    assertThat(JsonWriter.write(List.of(0.5, 7, 8L, new BigDecimal("0.5"), new BigDecimal("2"),
        new BigInteger("123456789012345678901234567890"), new BigDecimal("1E+3"))))
        .isEqualTo("[0.5,7,8,0.5,2,123456789012345678901234567890,1E+3]");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    String written = JsonWriter.write("q\" b\\ /\b\f\n\r\t\u0000\u001f\u007f é");

    assertThat(written).isEqualTo("\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0000\\u001f\u007f é\"");
  }

  @Test
  void escapesLineSeparatorsAndUnpairedSurrogatesButNotPairs() {
    assertThat(JsonWriter.write("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    assertThat(JsonWriter.write("a\uD83Db")).isEqualTo("\"a\\ud83db\"");
    assertThat(JsonWriter.write("\uDE00\uD83D")).isEqualTo("\"\\ude00\\ud83d\"");
    assertThat(JsonWriter.write("😀")).isEqualTo("\"😀\"");
  }

  @Test
  void roundTripsThroughTheParser() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("text", "line\nbreak \"quoted\" \\ tab\t \u0001 😀 \u2028");
    object.put("number", new BigDecimal("-1.25E-7"));
    object.put("long", Long.MAX_VALUE);
    object.put("list", new ArrayList<>(Arrays.asList(1L, null, "two", List.of())));
    object.put("nested", new LinkedHashMap<>(Map.of("k", true)));

    assertThat(JsonParser.parse(JsonWriter.write(object))).isEqualTo(object);
  }

  @Test
  void refusesWhatJsonCannotRepresent() {
    assertThatThrownBy(() -> JsonWriter.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.write(Float.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.write(new Object())).isInstanceOf(IllegalArgumentException.class);
  }
}
