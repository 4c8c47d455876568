package dev.envelope.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.agent.cli.CliRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or odd inputs found in review: each of these crashed, hung or misreported. */
class ReviewFindingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "01a22048-46d7-7000-96f9-2e4f0fbd84b1";

  private static String line(String id, int seq, String event, String phase, String granted,
      String requested, String tenant, String extra) {
    String terminal = phase.equals("finalized") ? ",\"finalized_at\":\"2026-11-28T03:52:17.400000Z\""
        : phase.equals("failed") ? ",\"failed_at\":\"2026-11-28T03:52:17.400000Z\"" : "";
    return "{\"timestamp\":\"2026-11-28T03:52:17.300000Z\",\"event\":\"envelope." + event
        + "\",\"seq\":" + seq + ",\"envelope_id\":\"" + id + "\",\"phase\":\"" + phase
        + "\",\"trace_id\":\"da117b2df5321c8fdf9acd21f269701e\",\"span_id\":\"5fb5df5a4326abbe\","
        + "\"service_name\":\"svc\",\"envelope\":{\"schema_version\":\"1\",\"envelope_id\":\"" + id
        + "\",\"parent_envelope_id\":null,\"phase\":\"" + phase + "\",\"caller\":{\"requester_urn\":"
        + "\"urn:user:alice\",\"tenant_id\":\"" + tenant + "\"},\"execution\":{\"kind\":\"deployment\","
        + "\"service\":\"serving\",\"operation\":\"deploy_model\",\"handler\":\"a.B#c\"},\"scope\":{},"
        + "\"governance\":{},\"requested\":" + requested + ",\"granted\":" + granted
        + ",\"resolution\":{},\"failure\":null,\"extensions\":{},\"timeline\":{\"admitted_at\":"
        + "\"2026-11-28T03:52:17.100000Z\"" + terminal + "},\"redacted\":[],\"trace_id\":"
        + "\"da117b2df5321c8fdf9acd21f269701e\",\"span_id\":\"5fb5df5a4326abbe\"" + extra + "}}";
  }

  private static String admitted(String id) {
    return line(id, 1, "admitted", "admission", "{}", "{\"gpu_count\":2}", "acme", "");
  }

  private static CliRunner.Result run(String input, String... args) {
    return CliRunner.run(List.of(args),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode report(String input) throws Exception {
    CliRunner.Result r = run(input, "report", "--format", "json", "-");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  /** Was: the missing seqs 2..2147483646 were put in a list one by one: 6 GB, then OOM, exit 3. */
  @Test
  void aHugeSeqIsCountedNotEnumerated() throws Exception {
    String last = line(ID, Integer.MAX_VALUE, "finalized", "finalized", "{}", "{\"gpu_count\":2}",
        "acme", "");
    JsonNode r = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> report(admitted(ID) + "\n" + last + "\n"));
    assertThat(r.at("/violations/by_kind/missing_events").asLong()).isEqualTo(1);
    assertThat(r.at("/violations/listed/0/detail").asText())
        .isEqualTo("no line with seq 2, 3, 4, 5, 6 and 2147483640 more of 2147483647 in the input");
  }

  /** Was: precision - scale overflowed int, the number passed the 1E+400 guard, exit 3. */
  @Test
  void anExponentAtTheEdgeOfIntIsOutOfRangeNotACrash() throws Exception {
    String a = line(ID, 1, "admitted", "admission", "{}", "{\"gpu_count\":-1e2147483647}", "acme",
        "");
    String f = line(ID, 2, "finalized", "finalized", "{\"gpu_count\":1}",
        "{\"gpu_count\":-1e2147483647}", "acme", "");
    JsonNode r = report(a + "\n" + f + "\n");
    assertThat(r.at("/input/numbers_out_of_range").asLong()).isEqualTo(1);
    assertThat(r.at("/total/finalized").asLong()).isEqualTo(1);
  }

  /** 1E18 and 1000000000000000000 are one JSON number: no changed_ask between them. */
  @Test
  void equalNumbersInTwoNotationsAreTheSameAsk() throws Exception {
    String a = line(ID, 1, "admitted", "admission", "{}", "{\"mem\":1000000000000000000}", "acme",
        "");
    String f = line(ID, 2, "finalized", "finalized", "{}", "{\"mem\":1E18}", "acme", "");
    assertThat(report(a + "\n" + f + "\n").at("/violations/total").asLong()).isZero();
  }

  /** Was: a 2 MB number took 52 s to parse (BigInteger is quadratic); 10 MB, about 20 min. */
  @Test
  void aNumberOfMillionsOfDigitsIsRefusedQuickly() {
    char[] digits = new char[2_000_000];
    Arrays.fill(digits, '9');
    String input = "{\"seq\":" + new String(digits) + "}\n";
    CliRunner.Result r = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> run(input, "report", "--format", "json", "-"));
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"torn_lines\":1");
  }

  /** Was: the decoder's read-ahead threw away up to 64 K characters of whole lines with the cut. */
  @Test
  void aCutGzipFileKeepsEveryWholeLine(@TempDir Path dir) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      text.append(admitted(String.format("01a22048-46d7-7000-96f9-%012x", i))).append('\n');
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bytes.toByteArray();
    Path cut = dir.resolve("events.jsonl.2.gz");
    Files.write(cut, Arrays.copyOf(all, all.length - 10)); // the CRC, size and a bit of the end
    CliRunner.Result r = CliRunner.run(List.of("report", "--format", "json", cut.toString()));
    assertThat(r.err()).contains("compressed data ends early");
    JsonNode j = JSON.readTree(r.out());
    // The last line is cut: 1999 whole lines are there to read.
    assertThat(j.at("/input/events").asLong()).isEqualTo(1999);
  }

  /** Was: the second '-' read a closed stream, after the whole run: "IOException: Stream closed". */
  @Test
  void standardInputTwiceIsAUsageError() {
    CliRunner.Result r = run(admitted(ID) + "\n", "report", "-", "-");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'-' (standard input) given more than once");
  }

  /** Was: member names went raw into validate's messages: ESC and BEL reached the terminal. */
  @Test
  void validateMessagesCarryNoTerminalEscapes() {
    String evilName = "\\u001b]0;pwned\\u0007\\u001b[2J";
    String input = admitted(ID).replace("\"scope\":{}", "\"scope\":{\"" + evilName + "\":{}}")
        + "\n{\"a\":1,\"" + evilName + "\":1,\"" + evilName + "\":2}\n";
    CliRunner.Result r = run(input, "validate", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("scope").contains("duplicate member")
        .doesNotContain("\u001b").doesNotContain("\u0007");
  }

  /** Was: failure.stage went raw into the table's header row. */
  @Test
  void aFailureStageCarriesNoTerminalEscapesIntoTheTable() {
    String failed = line(ID, 2, "failed", "failed", "{}", "{\"gpu_count\":2}", "acme", "")
        .replace("\"failure\":null", "\"failure\":{\"stage\":\"\\u001b]0;pwned\\u0007\","
            + "\"error_type\":\"x.Y\",\"reason\":\"r\"}");
    CliRunner.Result r = run(admitted(ID) + "\n" + failed + "\n", "report", "-");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("failed@?]0;pwned?").doesNotContain("\u001b");
  }

  /** 2020-12 patterns are ECMA-262: '$' is the end of the input, not before a final newline. */
  @Test
  void anIdWithATrailingNewlineIsInvalid() {
    String input = admitted(ID).replace("\"envelope_id\":\"" + ID + "\"",
        "\"envelope_id\":\"" + ID + "\\n\"") + "\n";
    CliRunner.Result r = run(input, "validate", "-");
    assertThat(r.out()).contains("does not match");
    assertThat(r.code()).isEqualTo(1);
  }

  /** String.hashCode collides by construction ("Aa" and "BB"); the report's hashes must not. */
  @Test
  void aTenantChangedToACollidingNameIsAChangedAsk() throws Exception {
    String a = line(ID, 1, "admitted", "admission", "{}", "{\"gpu_count\":2}", "Aa", "");
    String f = line(ID, 2, "finalized", "finalized", "{}", "{\"gpu_count\":2}", "BB", "");
    assertThat(report(a + "\n" + f + "\n").at("/violations/by_kind/changed_ask").asLong())
        .isEqualTo(1);
  }

  @Test
  void aSeqWrittenAsAWholeDecimalIsASeq() throws Exception {
    String f = line(ID, 2, "finalized", "finalized", "{}", "{\"gpu_count\":2}", "acme", "")
        .replace("\"seq\":2,", "\"seq\":2.0,");
    JsonNode r = report(admitted(ID) + "\n" + f + "\n");
    assertThat(r.at("/input/not_event_lines").asLong()).isZero();
    assertThat(r.at("/total/finalized").asLong()).isEqualTo(1);
  }

  @Test
  void onlyLineFeedsEndLinesAndACarriageReturnBeforeOneIsDropped() throws Exception {
    String a = admitted(ID).replace(",\"seq\":1,", ",\r\"seq\":1,");
    String f = line(ID, 2, "finalized", "finalized", "{}", "{\"gpu_count\":2}", "acme", "");
    JsonNode r = report(a + "\r\n" + f + "\r\n");
    assertThat(r.at("/input/lines").asLong()).isEqualTo(2);
    assertThat(r.at("/input/torn_lines").asLong()).isZero();
    assertThat(r.at("/total/finalized").asLong()).isEqualTo(1);
  }

  @Test
  void aLineLongerThanAnyEventIsTornWithoutBeingKept(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("long.jsonl");
    String f = line(ID, 2, "finalized", "finalized", "{}", "{\"gpu_count\":2}", "acme", "");
    Files.writeString(file, admitted(ID) + "\n" + "x".repeat(EventInput.MAX_LINE_BYTES + 10)
        + "\n" + f + "\n" + "y".repeat(EventInput.MAX_LINE_BYTES + 1));
    CliRunner.Result r = CliRunner.run(List.of("report", "--format", "json", file.toString()));
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.at("/input/lines").asLong()).isEqualTo(4);
    assertThat(j.at("/input/torn_lines").asLong()).isEqualTo(2);
    assertThat(j.at("/input/first_torn").asText()).endsWith(":2: a line of 16777226 bytes,"
        + " longer than any event line");
    assertThat(j.at("/total/finalized").asLong()).isEqualTo(1);
    CliRunner.Result v = CliRunner.run(List.of("validate", file.toString()));
    assertThat(v.out()).contains(":2: a line of 16,777,226 bytes, over the 64 KiB line limit")
        .endsWith("4 lines in 1 file: 2 valid, 2 invalid\n");
  }

  @Test
  void aMillionConflictingLinesOfOneEnvelopeAreCountedNotKept() throws Exception {
    // An envelope still open: a repeat of a counted envelope's seq is dropped unread instead.
    StringBuilder in = new StringBuilder(admitted(ID)).append('\n');
    String f = line(ID, 2, "resolved", "resolved", "{\"gpu_count\":1}", "{\"gpu_count\":2}",
        "acme", "").replace("\"admitted_at\":\"2026-11-28T03:52:17.100000Z\"",
        "\"admitted_at\":\"2026-11-28T03:52:17.100000Z\",\"resolved_at\":"
            + "\"2026-11-28T03:52:17.200000Z\"");
    for (int i = 0; i < 20_000; i++) {
      in.append(f.replace("\"svc\"", "\"svc" + i + "\"")).append('\n');
    }
    JsonNode r = report(in.toString());
    assertThat(r.at("/violations/by_kind/conflicting_seq").asLong()).isEqualTo(19_999);
    assertThat(r.at("/violations/listed").size()).isEqualTo(16);
    assertThat(r.at("/open/total").asLong()).isEqualTo(1);
  }

  @Test
  void manyEventsOfOneEnvelopeInOrderAreJoined() throws Exception {
    StringBuilder in = new StringBuilder(admitted(ID)).append('\n');
    int n = 60_000;
    for (int seq = 2; seq < n; seq++) {
      in.append(line(ID, seq, "resolved", "resolved", "{\"gpu_count\":1}", "{\"gpu_count\":2}",
          "acme", "").replace("\"timeline\":{\"admitted_at\":\"2026-11-28T03:52:17.100000Z\"",
          "\"timeline\":{\"admitted_at\":\"2026-11-28T03:52:17.100000Z\",\"resolved_at\":"
              + "\"2026-11-28T03:52:17.200000Z\"")).append('\n');
    }
    in.append(line(ID, n, "finalized", "finalized", "{\"gpu_count\":1}", "{\"gpu_count\":2}",
        "acme", "")).append('\n');
    JsonNode r = report(in.toString());
    assertThat(r.at("/total/finalized").asLong()).isEqualTo(1);
    assertThat(r.at("/violations/total").asLong()).isZero();
    assertThat(r.at("/total/resources/gpu_count/narrowed").asLong()).isEqualTo(1);
  }

  @Test
  void aLineThatIsNotUtf8IsInvalidButItsEventIsCounted(@TempDir Path dir) throws Exception {
    String a = admitted(ID).replace("\"acme\"", "\"ac\u00e9me\"");
    byte[] good = (a + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = Arrays.copyOf(good, good.length);
    // é is C3 A9 in UTF-8; A9 alone is not UTF-8.
    int at = new String(good, StandardCharsets.ISO_8859_1).indexOf("\u00c3\u00a9");
    bad[at] = (byte) 0xff;
    Path file = Files.write(dir.resolve("bad-utf8.jsonl"), bad);
    CliRunner.Result v = CliRunner.run(List.of("validate", file.toString()));
    assertThat(v.code()).isEqualTo(1);
    assertThat(v.out()).contains(":1: not valid UTF-8");
    Path fine = Files.write(dir.resolve("utf8.jsonl"), good);
    assertThat(CliRunner.run(List.of("validate", fine.toString())).code()).isZero();
    JsonNode r = JSON.readTree(CliRunner.run(List.of("report", "--format", "json",
        file.toString())).out());
    assertThat(r.at("/total/envelopes").asLong()).isEqualTo(1);
  }
}
