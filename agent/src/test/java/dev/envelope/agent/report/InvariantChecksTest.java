package dev.envelope.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.agent.cli.CliRunner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each invariant the report checks, broken on purpose in a few hand-written lines. */
class InvariantChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "01a22048-46d7-7000-96f9-2e4f0fbd84b1";

  private static String line(int seq, String event, String phase, String granted, String extra) {
    String terminal = phase.equals("finalized") ? ",\"finalized_at\":\"2026-11-28T03:52:17.400000Z\""
        : phase.equals("failed") ? ",\"failed_at\":\"2026-11-28T03:52:17.400000Z\"" : "";
    return "{\"timestamp\":\"2026-11-28T03:52:17.3" + seq + "0000Z\",\"event\":\"envelope." + event
        + "\",\"seq\":" + seq + ",\"envelope_id\":\"" + ID + "\",\"phase\":\"" + phase
        + "\",\"trace_id\":\"da117b2df5321c8fdf9acd21f269701e\",\"span_id\":\"5fb5df5a4326abbe\","
        + "\"service_name\":\"svc\",\"envelope\":{\"envelope_id\":\"" + ID + "\",\"phase\":\""
        + phase + "\",\"caller\":{\"requester_urn\":\"urn:user:alice\",\"tenant_id\":\"acme\"},"
        + "\"execution\":{\"kind\":\"deployment\",\"service\":\"serving\",\"operation\":"
        + "\"deploy_model\"},\"requested\":{\"gpu_count\":2},\"granted\":" + granted
        + ",\"resolution\":{},\"trace_id\":\"da117b2df5321c8fdf9acd21f269701e\",\"timeline\":"
        + "{\"admitted_at\":\"2026-11-28T03:52:17.100000Z\"" + terminal + "}" + extra + "}}";
  }

  private static JsonNode report(String... lines) throws Exception {
    String input = String.join("\n", lines) + "\n";
    CliRunner.Result r = CliRunner.run(List.of("report", "--format", "json", "-"),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private static List<String> kinds(JsonNode report) {
    List<String> kinds = new ArrayList<>();
    report.get("violations").get("listed").forEach(v -> kinds.add(v.get("kind").asText()
        + ": " + v.get("detail").asText()));
    return kinds;
  }

  private static final String ADMITTED = line(1, "admitted", "admission", "{}", "");
  private static final String RESOLVED = line(2, "resolved", "resolved", "{\"gpu_count\":1}", "");
  private static final String FINALIZED = line(3, "finalized", "finalized", "{\"gpu_count\":1}", "");

  @Test
  void aCleanLifeHasNoViolation() throws Exception {
    JsonNode r = report(ADMITTED, RESOLVED, FINALIZED);
    assertThat(kinds(r)).isEmpty();
    assertThat(r.at("/total/resources/gpu_count/narrowed").asLong()).isEqualTo(1);
    assertThat(r.at("/total/latency_ms/p50").decimalValue()).isEqualByComparingTo("300.000");
  }

  @Test
  void aChangedAsk() throws Exception {
    String changed = RESOLVED.replace("\"requested\":{\"gpu_count\":2}",
        "\"requested\":{\"gpu_count\":1}");
    assertThat(kinds(report(ADMITTED, changed, FINALIZED)))
        .singleElement().asString().startsWith("changed_ask: requested differs between seq 1");
  }

  @Test
  void aGrantThatDisappears() throws Exception {
    String lost = line(3, "finalized", "finalized", "{}", "");
    assertThat(kinds(report(ADMITTED, RESOLVED, lost)))
        .singleElement().asString().startsWith("grant_removed: granted.gpu_count of seq 2");
  }

  @Test
  void aGrantOnAFailedEnvelopeBeforeAndAfterItFailed() throws Exception {
    String invented = line(2, "failed", "failed", "{\"gpu_count\":1}",
        ",\"failure\":{\"stage\":\"resolution\"}");
    assertThat(kinds(report(ADMITTED, invented))).singleElement().asString()
        .startsWith("grant_on_failed: the failed event at seq 2");
    String failed = line(2, "failed", "failed", "{}", ",\"failure\":{\"stage\":\"resolution\"}");
    String lateGrant = line(3, "resolved", "resolved", "{\"gpu_count\":1}", "");
    assertThat(kinds(report(ADMITTED, failed, lateGrant))).singleElement().asString()
        .startsWith("grant_on_failed: a grant, envelope.resolved at seq 3");
    // The same late grant read before the rest (files in another order) is found the same.
    assertThat(kinds(report(lateGrant, ADMITTED, failed))).singleElement().asString()
        .startsWith("grant_on_failed: a grant, envelope.resolved at seq 3");
  }

  @Test
  void aSecondTerminalEvent() throws Exception {
    String again = line(4, "failed", "failed", "{\"gpu_count\":1}",
        ",\"failure\":{\"stage\":\"finalization\"}");
    JsonNode r = report(ADMITTED, RESOLVED, FINALIZED, again);
    assertThat(kinds(r)).singleElement().asString().startsWith("duplicate_terminal:");
    // Counted once, by its first terminal event.
    assertThat(r.at("/total/finalized").asLong()).isEqualTo(1);
    assertThat(r.at("/total/failed").asLong()).isZero();
  }

  @Test
  void repeatsAreDroppedButTwoDifferentLinesWithOneSeqAreAViolation() throws Exception {
    JsonNode r = report(ADMITTED, ADMITTED, RESOLVED, FINALIZED, RESOLVED, FINALIZED);
    assertThat(kinds(r)).isEmpty();
    assertThat(r.at("/input/duplicate_lines").asLong()).isEqualTo(3);
    String other = RESOLVED.replace("{\"gpu_count\":1}", "{\"gpu_count\":2}");
    JsonNode conflict = report(ADMITTED, RESOLVED, other, FINALIZED);
    assertThat(kinds(conflict)).singleElement().asString()
        .startsWith("conflicting_seq: two different lines with seq 2");
    assertThat(conflict.at("/input/duplicate_lines").asLong()).as("a conflict is no repeat")
        .isZero();
  }

  @Test
  void missingEventsAnOpenEnvelopeAndAnAdmissionOutOfPlace() throws Exception {
    JsonNode r = report(ADMITTED, FINALIZED);
    assertThat(kinds(r)).singleElement().asString()
        .isEqualTo("missing_events: no line with seq 2 of 3 in the input");
    assertThat(r.at("/total/finalized").asLong()).isEqualTo(1);

    JsonNode open = report(ADMITTED, RESOLVED);
    assertThat(kinds(open)).isEmpty();
    assertThat(open.at("/open/total").asLong()).isEqualTo(1);
    assertThat(open.at("/open/listed/0/phase").asText()).isEqualTo("resolved");

    String admittedAgain = line(2, "admitted", "admission", "{}", "");
    assertThat(kinds(report(ADMITTED, admittedAgain, FINALIZED))).singleElement().asString()
        .startsWith("admission_out_of_place: envelope.admitted at seq 2");
  }

  @Test
  void aTraceThatChangesOrASnapshotOfAnotherEnvelope() throws Exception {
    String otherTrace = RESOLVED.replace("\"trace_id\":\"da117b2df5321c8fdf9acd21f269701e\",\"timeline\"",
        "\"trace_id\":\"11111111111111111111111111111111\",\"timeline\"");
    assertThat(kinds(report(ADMITTED, otherTrace, FINALIZED))).singleElement().asString()
        .startsWith("correlation: trace_id 11111111111111111111111111111111 at seq 2");
    String otherId = RESOLVED.replace("\"envelope\":{\"envelope_id\":\"" + ID,
        "\"envelope\":{\"envelope_id\":\"01a22048-46d7-7000-96f9-000000000000");
    assertThat(kinds(report(ADMITTED, otherId, FINALIZED))).singleElement().asString()
        .contains("names envelope 01a22048-46d7-7000-96f9-000000000000");
  }

  @Test
  void tornAndForeignLinesAreCountedAndSkipped() throws Exception {
    JsonNode r = report(ADMITTED, RESOLVED.substring(0, 100), "[1,2]", "", FINALIZED);
    assertThat(r.at("/input/torn_lines").asLong()).isEqualTo(1);
    assertThat(r.at("/input/not_event_lines").asLong()).isEqualTo(1);
    assertThat(r.at("/input/blank_lines").asLong()).isEqualTo(1);
    assertThat(r.at("/input/first_torn").asText()).startsWith("-:2: ");
    assertThat(kinds(r)).singleElement().asString().startsWith("missing_events");
  }
}
