package dev.envelope.sample.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {

  @Test
  void parsesNestedObjectsAndArraysKeepingKeyOrder() {
    Object parsed = JsonParser.parse(" {\"b\": [1, {\"c\": null}], \"a\": true, \"z\": false} ");

    assertThat(parsed).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) parsed;
    assertThat(object.keySet()).containsExactly("b", "a", "z");
    assertThat(object.get("a")).isEqualTo(Boolean.TRUE);
    assertThat(object.get("z")).isEqualTo(Boolean.FALSE);
    List<?> b = (List<?>) object.get("b");
    assertThat(b.get(0)).isEqualTo(1L);
    assertThat(b.get(1)).isEqualTo(java.util.Collections.singletonMap("c", null));
  }

  @Test
  void parsesEmptyContainersAndTopLevelScalars() {
    assertThat(JsonParser.parse("{}")).isEqualTo(Map.of());
    assertThat(JsonParser.parse("[ ]")).isEqualTo(List.of());
    assertThat(JsonParser.parse("\"x\"")).isEqualTo("x");
    assertThat(JsonParser.parse("null")).isNull();
    assertThat(JsonParser.parse("\t\r\n 7 \n")).isEqualTo(7L);
  }

  @Test
  void decodesEveryEscape() {
    Object parsed = JsonParser.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u0041\"");

    assertThat(parsed).isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9A");
  }

  @Test
  void combinesSurrogatePairEscapes() {
    assertThat(JsonParser.parse("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00");
    assertThat(JsonParser.parse("\"\\uD83D\\uDE00\"")).isEqualTo("😀");
  }

  @Test
  void keepsRawNonAsciiText() {
    assertThat(JsonParser.parse("\"grüße 😀\"")).isEqualTo("grüße 😀");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83dx\"", "\"\\ud83d\\u0041\""})
  void rejectsUnpairedSurrogates(String json) {
    assertThatThrownBy(() -> JsonParser.parse(json))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("surrogate");
  }

  @Test
  void integersBecomeLongsAndEverythingElseBigDecimal() {
    assertThat(JsonParser.parse("0")).isEqualTo(0L);
    assertThat(JsonParser.parse("-12")).isEqualTo(-12L);
    assertThat(JsonParser.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(JsonParser.parse("9223372036854775808"))
        .isEqualTo(new BigDecimal("9223372036854775808"));
    assertThat(JsonParser.parse("0.5")).isEqualTo(new BigDecimal("0.5"));
    assertThat(JsonParser.parse("1.50")).isEqualTo(new BigDecimal("1.50"));
    assertThat(JsonParser.parse("2e3")).isEqualTo(new BigDecimal("2E+3"));
    assertThat(JsonParser.parse("-1.5E-2")).isEqualTo(new BigDecimal("-0.015"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "+1", ".5", "1.", "1e", "1e+", "-", "--1", "0x10", "NaN",
      "Infinity", "1.5.2"})
  void rejectsInvalidNumbers(String json) {
    assertThatThrownBy(() -> JsonParser.parse(json)).isInstanceOf(JsonParseException.class);
  }

  @Test
  void rejectsNumbersWhoseExponentDoesNotFit() {
    assertThatThrownBy(() -> JsonParser.parse("1e99999999999"))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void rejectsOverlongNumbers() {
    assertThat(JsonParser.parse("1" + "0".repeat(JsonParser.MAX_NUMBER_LENGTH - 1)))
        .isInstanceOf(BigDecimal.class);
    assertThatThrownBy(() -> JsonParser.parse("1" + "0".repeat(JsonParser.MAX_NUMBER_LENGTH)))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("number longer than");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{", "[", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]",
      "[1 2]", "{a:1}", "{'a':1}", "\"abc", "tru", "nul", "True", "[1]]", "{} {}", "1 2",
      "\"a\\x\"", "\"\\u12\"", "\"\\u12g4\"", "{\"a\":1 \"b\":2}"})
  void rejectsMalformedInput(String json) {
    assertThatThrownBy(() -> JsonParser.parse(json)).isInstanceOf(JsonParseException.class);
  }

  @Test
  void rejectsTrailingGarbageWithItsOffset() {
    assertThatThrownBy(() -> JsonParser.parse("{\"a\":1} x"))
        .isInstanceOf(JsonParseException.class)
        .hasMessage("unexpected trailing content at offset 8")
        .extracting(e -> ((JsonParseException) e).offset())
        .isEqualTo(8);
  }

  @Test
  void rejectsRawControlCharactersInStrings() {
    assertThatThrownBy(() -> JsonParser.parse("\"a\nb\""))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> JsonParser.parse("\"a\u0000b\""))
        .isInstanceOf(JsonParseException.class);
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(() -> JsonParser.parse("{\"gpu_count\":1,\"gpu_count\":8}"))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("duplicate key \"gpu_count\"");
  }

  @Test
  void acceptsNestingUpToTheDepthLimitAndNoDeeper() {
    int max = JsonParser.MAX_DEPTH;
    assertThat(JsonParser.parse("[".repeat(max) + "]".repeat(max))).isInstanceOf(List.class);
    assertThat(JsonParser.parse("{\"a\":".repeat(max) + "1" + "}".repeat(max)))
        .isInstanceOf(Map.class);

    assertThatThrownBy(() -> JsonParser.parse("[".repeat(max + 1) + "]".repeat(max + 1)))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("nesting deeper than " + max);
  }

  @Test
  void deepHostileInputFailsFastWithoutStackOverflow() {
    String hostile = "[".repeat(100_000);

    assertThatThrownBy(() -> JsonParser.parse(hostile)).isInstanceOf(JsonParseException.class);
  }
}
