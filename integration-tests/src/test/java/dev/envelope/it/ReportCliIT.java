package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.it.support.ForkedJvm;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar envelope-agent.jar report|validate}, the built jar in its own JVM, on the events
 * a real demo run of the sample backend just wrote: the report's figures equal what this test
 * reads from the same file with Jackson, and {@code validate} passes it and fails a damaged copy.
 */
class ReportCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportAndValidateTheDemosEvents() throws Exception {
    Path dir = ForkedJvm.newWorkDir("report-cli");
    try (ForkedJvm demo = ForkedJvm.builder(dir).withAgent().jar(ForkedJvm.sampleJar())
        .args("--demo").start()) {
      assertThat(demo.awaitExit(Duration.ofSeconds(120))).as(demo.stderr()).isZero();
    }
    Path events = dir.resolve("envelope-events.jsonl");
    List<String> lines = Files.readAllLines(events);

    CliResult validate = cli(dir, "validate", events.toString());
    assertThat(validate.code).as(validate.out + validate.err).isZero();
    assertThat(validate.out).isEqualTo(String.format("%d lines in 1 file: %d valid, 0 invalid%n",
        lines.size(), lines.size()));

    CliResult report = cli(dir, "report", "--format", "json", events.toString());
    assertThat(report.code).as(report.err).isZero();
    assertThat(report.err).isEmpty();
    JsonNode r = JSON.readTree(report.out);
    assertThat(r.at("/input/events").asLong()).isEqualTo(lines.size());
    assertThat(r.at("/violations/total").asLong()).isZero();
    assertThat(r.at("/open/total").asLong()).isZero();

    // The same figures, read independently from the file.
    Map<String, List<JsonNode>> byEnvelope = new LinkedHashMap<>();
    for (String line : lines) {
      JsonNode e = JSON.readTree(line);
      byEnvelope.computeIfAbsent(e.get("envelope_id").asText(), k -> new ArrayList<>()).add(e);
    }
    Map<String, long[]> outcomes = new TreeMap<>();
    BigDecimal gpuAsked = BigDecimal.ZERO;
    BigDecimal gpuGranted = BigDecimal.ZERO;
    long narrowed = 0;
    List<Long> latencies = new ArrayList<>();
    for (List<JsonNode> es : byEnvelope.values()) {
      JsonNode last = es.get(es.size() - 1).get("envelope");
      String op = last.at("/execution/service").asText() + "." + last.at("/execution/operation").asText();
      long[] o = outcomes.computeIfAbsent(op, k -> new long[3]);
      o[0]++;
      o[last.get("phase").asText().equals("finalized") ? 1 : 2]++;
      Instant from = Instant.parse(last.at("/timeline/admitted_at").asText());
      Instant to = Instant.parse(last.at(last.get("phase").asText().equals("finalized")
          ? "/timeline/finalized_at" : "/timeline/failed_at").asText());
      latencies.add(Duration.between(from, to).toNanos() / 1000);
      if (op.equals("serving.deploy_model") && last.at("/requested/gpu_count").isNumber()) {
        gpuAsked = gpuAsked.add(last.at("/requested/gpu_count").decimalValue());
        if (last.at("/granted/gpu_count").isNumber()) {
          gpuGranted = gpuGranted.add(last.at("/granted/gpu_count").decimalValue());
          if (last.at("/granted/gpu_count").decimalValue()
              .compareTo(last.at("/requested/gpu_count").decimalValue()) < 0) {
            narrowed++;
          }
        }
      }
    }
    assertThat(r.at("/total/envelopes").asLong()).isEqualTo(byEnvelope.size());
    outcomes.forEach((op, o) -> {
      JsonNode g = r.get("by_operation").get(op);
      assertThat(g).as(op).isNotNull();
      assertThat(g.get("envelopes").asLong()).as(op).isEqualTo(o[0]);
      assertThat(g.get("finalized").asLong()).as(op).isEqualTo(o[1]);
      assertThat(g.get("failed").asLong()).as(op).isEqualTo(o[2]);
    });
    JsonNode gpu = r.at("/by_operation/serving.deploy_model/resources/gpu_count");
    assertThat(gpu.get("asked_total").decimalValue()).isEqualByComparingTo(gpuAsked);
    assertThat(gpu.get("granted_total").decimalValue()).isEqualByComparingTo(gpuGranted);
    assertThat(gpu.get("narrowed").asLong()).isEqualTo(narrowed).isPositive();
    latencies.sort(null);
    long p99 = latencies.get((int) Math.ceil(0.99 * latencies.size()) - 1);
    assertThat(r.at("/total/latency_ms/p99").decimalValue())
        .isEqualByComparingTo(BigDecimal.valueOf(p99, 3));

    CliResult table = cli(dir, "report", events.toString());
    assertThat(table.out).contains("By operation", "serving.deploy_model", "gpu_count",
        "Invariant violations: none");

    // A damaged copy: a torn line, a line whose phase is unknown (a repeat of a known seq, so
    // the report drops it as a duplicate) and a second terminal event.
    Path damaged = dir.resolve("damaged.jsonl");
    String last = lines.get(lines.size() - 1);
    long seq = JSON.readTree(last).get("seq").asLong();
    Files.writeString(damaged, String.join("\n", lines) + "\n" + last.substring(0, last.length() / 2)
        + "\n" + last.replace("\"phase\":\"", "\"phase\":\"x") + "\n"
        + last.replace("\"seq\":" + seq + ",", "\"seq\":" + (seq + 1) + ",") + "\n");
    CliResult bad = cli(dir, "validate", damaged.toString());
    assertThat(bad.code).isEqualTo(1);
    assertThat(bad.out).contains("damaged.jsonl:" + (lines.size() + 1) + ": not JSON")
        .contains("damaged.jsonl:" + (lines.size() + 2) + ": $.phase");
    CliResult badReport = cli(dir, "report", "--format", "json", damaged.toString());
    JsonNode br = JSON.readTree(badReport.out);
    assertThat(br.at("/input/torn_lines").asLong()).isEqualTo(1);
    assertThat(br.at("/input/duplicate_lines").asLong()).isEqualTo(1);
    assertThat(br.at("/violations/by_kind/duplicate_terminal").asLong()).as(badReport.out)
        .isEqualTo(1);
  }

  private record CliResult(int code, String out, String err) {}

  private static CliResult cli(Path dir, String... args) throws Exception {
    try (ForkedJvm jvm = ForkedJvm.builder(dir).agent(false).jar(ForkedJvm.agentJar())
        .args(args).start()) {
      int code = jvm.awaitExit(Duration.ofSeconds(60));
      return new CliResult(code, jvm.stdout(), jvm.stderr());
    }
  }
}
