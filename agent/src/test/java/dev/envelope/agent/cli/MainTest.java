package dev.envelope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: commands, options, exit codes, and one-line errors. */
class MainTest {
  /** One real line as the agent writes it (from the demo), valid against the schema. */
  static final String LINE = "{\"timestamp\":\"2026-11-28T03:52:17.615243Z\",\"event\":"
      + "\"envelope.failed\",\"seq\":2,\"envelope_id\":\"01a22048-47ce-7000-98e5-c7d5d32b9482\","
      + "\"phase\":\"failed\",\"trace_id\":\"1e0a46239c7a5f48006f08ee4cf28a88\",\"span_id\":"
      + "\"b4e13ef8f65c796f\",\"service_name\":\"envelope-sample-app\",\"envelope\":{"
      + "\"schema_version\":\"1\",\"envelope_id\":\"01a22048-47ce-7000-98e5-c7d5d32b9482\","
      + "\"parent_envelope_id\":null,\"phase\":\"failed\",\"caller\":{\"requester_urn\":"
      + "\"urn:user:alice\",\"tenant_id\":\"acme\",\"session_token\":\"[REDACTED]\"},"
      + "\"execution\":{\"kind\":\"deployment\",\"service\":\"serving\",\"operation\":"
      + "\"deploy_model\",\"handler\":\"dev.envelope.sample.serving.ServingApi#deployModel\"},"
      + "\"scope\":{\"workspace_id\":\"ws-7\"},\"governance\":{\"audit_level\":\"full\"},"
      + "\"requested\":{\"engine\":\"vllm\",\"gpu_count\":2,\"location\":\"us-east\"},"
      + "\"granted\":{},\"resolution\":{},\"failure\":{\"stage\":\"resolution\",\"error_type\":"
      + "\"dev.envelope.sample.serving.NoCapacityException\",\"reason\":\"no vllm node\"},"
      + "\"extensions\":{},\"timeline\":{\"admitted_at\":\"2026-11-28T03:52:17.614461Z\","
      + "\"failed_at\":\"2026-11-28T03:52:17.615243Z\"},\"redacted\":[\"caller.session_token\"],"
      + "\"trace_id\":\"1e0a46239c7a5f48006f08ee4cf28a88\",\"span_id\":\"b4e13ef8f65c796f\"}}";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "frobnicate|unknown command 'frobnicate'",
      "report --format xml x|--format 'xml' is not one of table, json, csv",
      "report --since yesterday x|--since 'yesterday' is not a time",
      "report --since 2026-11-28 --until 2026-11-27 x|--since must be before --until",
      "report --list -1 x|--list '-1' is not a whole number",
      "report --tenant|--tenant needs a value",
      "report --tenant a --tenant b x|--tenant given more than once",
      "report --bogus x|unknown option '--bogus'",
      "report|no events file given",
      "report /nonexistent/events.jsonl|/nonexistent/events.jsonl does not exist",
      "validate --quiet=yes x|--quiet takes no value"})
  void aBadCommandLineIsOneLineAndExitCode2(String args, String message) {
    CliRunner.Result r = CliRunner.run(List.of(args.split(" ")));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("envelope-agent: " + message).doesNotContain("\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpAndNoArguments() {
    assertThat(CliRunner.run(List.of("--help")).out()).contains("report", "validate");
    CliRunner.Result none = CliRunner.run(List.of());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).startsWith("usage: java -jar envelope-agent.jar");
  }

  @Test
  void validateExitsZeroOnValidLinesAndOneOtherwise(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("good.jsonl"), LINE + "\n" + LINE + "\n");
    CliRunner.Result ok = CliRunner.run(List.of("validate", good.toString()));
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).isEqualTo("2 lines in 1 file: 2 valid, 0 invalid\n");

    String wrongStage = LINE.replace("\"stage\":\"resolution\"", "\"stage\":\"execution\"");
    String tooLong = LINE.replace("no vllm node", "x".repeat(70_000));
    Path bad = Files.writeString(dir.resolve("bad.jsonl"),
        LINE + "\n" + wrongStage + "\n" + LINE.substring(0, 300) + "\n" + tooLong + "\n\n");
    CliRunner.Result r = CliRunner.run(List.of("validate", good.toString(), bad.toString()));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(bad + ":2: ")
        .contains("$.envelope.failure.stage: \"execution\" is not one of")
        .contains(bad + ":3: not JSON: unterminated string")
        .contains(bad + ":4: 71,121 bytes, over the 64 KiB line limit")
        .contains(bad + ":5: empty line")
        .endsWith("7 lines in 2 files: 3 valid, 4 invalid\n");

    CliRunner.Result listed = CliRunner.run(List.of("validate", "--list", "1", bad.toString()));
    assertThat(listed.out()).contains("... and 3 more invalid lines");
  }

  @Test
  void gzipAndStandardInputAreRead(@TempDir Path dir) throws Exception {
    Path gz = dir.resolve("events.jsonl.1");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
    }
    CliRunner.Result r = CliRunner.run(List.of("report", "--format", "csv", gz.toString()));
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("dimension,group,metric,value\n")
        .contains("operation,serving.deploy_model,failed.resolution,1\n")
        .contains("tenant,acme,resource.gpu_count.asked_total,2\n");

    // A gzip'd file cut short: what came before the cut is read, the cut reported.
    byte[] whole = Files.readAllBytes(gz);
    Path cut = Files.write(dir.resolve("cut.gz"), java.util.Arrays.copyOf(whole, whole.length - 12));
    CliRunner.Result c = CliRunner.run(List.of("report", "--format", "json", cut.toString()));
    assertThat(c.err()).contains("cut.gz: compressed data ends early");
  }

  @Test
  void failOnViolationGivesExitCode1() throws Exception {
    String dupTerminal = LINE.replace("\"seq\":2", "\"seq\":3");
    java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(
        (LINE + "\n" + dupTerminal + "\n").getBytes(StandardCharsets.UTF_8));
    CliRunner.Result r = CliRunner.run(List.of("report", "--fail-on-violation", "-"), in);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Invariant violations: 2 (duplicate_terminal 1, missing_events 1)");
  }

  @Test
  void csvDefusesFormulasFromRequestData() {
    assertThat(dev.envelope.agent.report.ReportFormatAccess.csv("=HYPERLINK(\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(dev.envelope.agent.report.ReportFormatAccess.csv("-3.5")).isEqualTo("-3.5");
  }
}
