package dev.envelope.agent.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String string(String s) {
    StringBuilder sb = new StringBuilder();
    JsonWriter.string(sb, s);
    return sb.toString();
  }

  private static String roundTrip(String s) throws Exception {
    return JSON.readTree(string(s)).textValue();
  }

  static void assertValidUtf8(String s) {
    assertThatCode(() -> StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .encode(CharBuffer.wrap(s))).doesNotThrowAnyException();
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() throws Exception {
    String nasty = "a\"b\\c\nd\re\tf\u0000g\u0001h\u001fi\u007fj\b\f";
    String out = string(nasty);
    assertThat(out).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000");
    assertThat(out).contains("\\\"").contains("\\\\").contains("\\n").contains("\\u0000")
        .contains("\\u001f").contains("\\u007f");
    assertThat(roundTrip(nasty)).isEqualTo(nasty);
  }

  @Test
  void lineAndParagraphSeparatorsAreEscaped() throws Exception {
    String s = "one\u2028two\u2029three\u0085four";
    String out = string(s);
    assertThat(out).doesNotContain("\u2028").doesNotContain("\u2029")
        .contains("\\u2028").contains("\\u2029");
    assertThat(roundTrip(s)).isEqualTo(s);
  }

  @Test
  void validSurrogatePairsAreKept() throws Exception {
    String s = "model \uD83D\uDE80 ok, 名前, é";
    assertThat(roundTrip(s)).isEqualTo(s);
    assertValidUtf8(string(s));
  }

  @Test
  void loneSurrogatesBecomeTheReplacementCharacter() throws Exception {
    String loneHigh = "a\uD83Db";
    String loneLow = "a\uDE80b";
    String highAtEnd = "ab\uD83D";
    String reversed = "\uDE80\uD83D";
    assertThat(roundTrip(loneHigh)).isEqualTo("a\uFFFDb");
    assertThat(roundTrip(loneLow)).isEqualTo("a\uFFFDb");
    assertThat(roundTrip(highAtEnd)).isEqualTo("ab\uFFFD");
    assertThat(roundTrip(reversed)).isEqualTo("\uFFFD\uFFFD");
    for (String s : Arrays.asList(loneHigh, loneLow, highAtEnd, reversed)) {
      assertValidUtf8(string(s));
    }
  }

  @Test
  void nonFiniteNumbersAreWrittenAsStrings() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nan", Double.NaN);
    m.put("inf", Double.POSITIVE_INFINITY);
    m.put("neg_inf", Float.NEGATIVE_INFINITY);
    m.put("half", 0.5);
    m.put("big", 1.0e300);
    m.put("tiny", 1.0e-300);
    StringBuilder sb = new StringBuilder();
    new JsonWriter(sb).value(m);
    JsonNode node = JSON.readTree(sb.toString());
    assertThat(node.get("nan").textValue()).isEqualTo("NaN");
    assertThat(node.get("inf").textValue()).isEqualTo("Infinity");
    assertThat(node.get("neg_inf").textValue()).isEqualTo("-Infinity");
    assertThat(node.get("half").isDouble()).isTrue();
    assertThat(node.get("half").doubleValue()).isEqualTo(0.5);
    assertThat(node.get("big").doubleValue()).isEqualTo(1.0e300);
    assertThat(node.get("tiny").doubleValue()).isEqualTo(1.0e-300);
  }

  @Test
  void nestedValuesAndCommasAreWellFormed() throws Exception {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("l", 1L);
    inner.put("i", 2);
    inner.put("b", false);
    inner.put("n", null);
    inner.put("list", Arrays.asList(1L, "two", true, null, Arrays.asList(3L)));
    inner.put("empty_list", List.of());
    inner.put("empty_map", Map.of());
    StringBuilder sb = new StringBuilder();
    new JsonWriter(sb).beginObject()
        .field("first", "x")
        .name("inner").value(inner)
        .name("array").beginArray().value(1L).beginObject().field("k", "v").endObject()
        .value("z").endArray()
        .name("obj").beginObject().endObject()
        .field("last", Long.MAX_VALUE)
        .endObject();
    JsonNode node = JSON.readTree(sb.toString());
    assertThat(node.get("first").textValue()).isEqualTo("x");
    assertThat(node.get("inner").get("l").longValue()).isEqualTo(1L);
    assertThat(node.get("inner").get("i").intValue()).isEqualTo(2);
    assertThat(node.get("inner").get("b").booleanValue()).isFalse();
    assertThat(node.get("inner").get("n").isNull()).isTrue();
    assertThat(node.get("inner").get("list").toString()).isEqualTo("[1,\"two\",true,null,[3]]");
    assertThat(node.get("inner").get("empty_list").size()).isZero();
    assertThat(node.get("inner").get("empty_map").size()).isZero();
    assertThat(node.get("array").toString()).isEqualTo("[1,{\"k\":\"v\"},\"z\"]");
    assertThat(node.get("obj").size()).isZero();
    assertThat(node.get("last").longValue()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void namesAreEscapedToo() throws Exception {
    StringBuilder sb = new StringBuilder();
    new JsonWriter(sb).beginObject().field("we\"ird\n\uD800", "v").endObject();
    JsonNode node = JSON.readTree(sb.toString());
    assertThat(node.fieldNames().next()).isEqualTo("we\"ird\n\uFFFD");
  }

  @Test
  void anUnexpectedTypeIsNeverToStringed() throws Exception {
    Object loud = new Object() {
      @Override
      public String toString() {
        throw new AssertionError("toString called");
      }
    };
    StringBuilder sb = new StringBuilder();
    new JsonWriter(sb).value(Arrays.asList(loud));
    assertThat(JSON.readTree(sb.toString()).get(0).isTextual()).isTrue();
  }
}
