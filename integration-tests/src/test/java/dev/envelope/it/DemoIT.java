package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The README's demo command: the sample backend with the agent attached runs its script and exits
 * 0, writing admitted/resolved/finalized for accepted requests and admitted/failed for rejected
 * ones; the span attributes appear on stdout through the console exporter, without errors.
 */
class DemoIT {
  @Test
  void theDemoRecordsEveryAdmittedRequest() throws Exception {
    check(System.getProperty("java.home"));
  }

  /** Users run new JVMs too. */
  @Test
  @EnabledIf("java25Present")
  void theDemoRunsOnJava25() throws Exception {
    check(System.getProperty("envelope.it.java25Home"));
  }

  static boolean java25Present() {
    return java.nio.file.Files.isExecutable(
        Path.of(System.getProperty("envelope.it.java25Home", "/nonexistent"), "bin", "java"));
  }

  /** The last snapshot of the first finalized envelope of {@code operation}. */
  private static JsonNode finalizedOf(Events events, String operation) {
    for (List<JsonNode> es : events.forOperation(operation)) {
      JsonNode last = es.get(es.size() - 1);
      if (last.get("event").asText().equals("envelope.finalized")) {
        return last.get("envelope");
      }
    }
    throw new AssertionError("no finalized envelope of " + operation);
  }

  private static void check(String javaHome) throws Exception {
    Path dir = ForkedJvm.newWorkDir("demo");
    try (ForkedJvm jvm = ForkedJvm.builder(dir).javaHome(javaHome).withAgent()
        .jar(ForkedJvm.sampleJar()).args("--demo").start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(120))).as(jvm.stderr()).isZero();
      assertThat(jvm.agentDiagnostics()).isEmpty();
      assertThat(jvm.stderr()).doesNotContain("Exception").doesNotContain("WARNING");
      assertThat(jvm.stdout()).contains("all as expected").contains("[envelope-agent] span {");

      Events events = Events.read(dir.resolve("envelope-events.jsonl"));
      List<List<String>> sequences = events.sequences();
      assertThat(sequences).contains(
          List.of("envelope.admitted", "envelope.resolved", "envelope.finalized"),
          List.of("envelope.admitted", "envelope.failed"));
      assertThat(sequences).allSatisfy(s -> {
        assertThat(s.get(0)).isEqualTo("envelope.admitted");
        assertThat(s.get(s.size() - 1)).isIn("envelope.finalized", "envelope.failed");
        assertThat(s.subList(1, s.size() - 1)).allMatch(e -> e.equals("envelope.resolved"));
      });
      List<String> summary = jvm.stdout().lines()
          .filter(l -> l.startsWith("POST ") || l.startsWith("DELETE "))
          .collect(java.util.stream.Collectors.toList());
      long succeeded = summary.stream().filter(l -> l.matches(".* -> 2\\d\\d.*")).count();
      long refused = summary.stream().filter(l -> l.matches(".* -> 4\\d\\d.*")).count();
      long finalized = sequences.stream().filter(s -> s.get(s.size() - 1).equals("envelope.finalized")).count();
      long failed = sequences.stream().filter(s -> s.get(s.size() - 1).equals("envelope.failed")).count();
      assertThat(finalized).as("one finalized envelope per successful request").isEqualTo(succeeded);
      assertThat(failed).as("refusals inside admission fail their envelope; the others have none")
          .isPositive().isLessThan(refused);
      for (JsonNode e : events.all()) {
        assertThat(e.at("/envelope/caller/requester_urn").asText()).startsWith("urn:");
      }
      assertThat(events.all().stream().map(e -> e.at("/envelope/execution/kind").asText()).distinct())
          .as("the demo covers every execution path of the sample backend")
          .contains("deployment", "inference", "evaluation", "maintenance", "data_movement");
      assertThat(finalizedOf(events, "infer").get("requested").has("prompt")).isFalse();
      assertThat(finalizedOf(events, "infer").at("/requested/prompt_chars").isIntegralNumber()).isTrue();
      assertThat(finalizedOf(events, "infer").at("/granted/max_output_len").asLong())
          .isLessThan(finalizedOf(events, "infer").at("/requested/max_output_len").asLong());
      assertThat(finalizedOf(events, "submit_job").at("/requested/metrics").isArray()).isTrue();
      assertThat(finalizedOf(events, "submit_job").at("/resolution/job_id").asText()).startsWith("eval-");
      JsonNode transfer = finalizedOf(events, "transfer");
      assertThat(transfer.at("/caller/source_credential").asText()).isEqualTo("[REDACTED]");
      assertThat(transfer.get("redacted").toString()).contains("caller.source_credential");
      assertThat(transfer.at("/extensions/data.transfer").size()).isPositive();
      assertThat(transfer.at("/resolution/route").isTextual()).isTrue();
      assertThat(finalizedOf(events, "delete_deployment").at("/granted/released_gpu_count").isNumber()).isTrue();
    }
  }
}
