package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.lifecycle.LifecycleMain;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Spans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every path of the lifecycle, in a forked JVM with the real agent jar: once with annotations, and
 * once on the same code without annotations, instrumented by configuration alone. Both runs must
 * record the same envelopes.
 */
class LifecycleIT {
  /** Admissions and grants of the bare classes, as a user would write them for third-party code. */
  static final String CONFIG = String.join("\n",
      "# lifecycle admissions: Class#method[/parameter count](settings)",
      "dev.envelope.it.lifecycle.Lifecycle#multiGrant(kind=deployment, service=lifecycle, operation=multi_grant, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#voidGrant/2(kind=data_movement, service=lifecycle, operation=void_grant, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#grantThrows(kind=deployment, service=lifecycle, operation=grant_throws, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#failsAfterGrant(kind=deployment, service=lifecycle, operation=fails_after_grant, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#outer(kind=pipeline_step, service=lifecycle, operation=outer, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#inner(kind=pipeline_step, service=lifecycle, operation=inner, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#resultSelection(kind=deployment, service=lifecycle, operation=result_selection, caller=0, requested=1, result=deploymentId->deployment_id|node)",
      "dev.envelope.it.lifecycle.Lifecycle#executorSubmit(kind=inference, service=lifecycle, operation=executor_submit, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#executorExecute(kind=inference, service=lifecycle, operation=executor_execute, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#scheduled(kind=evaluation, service=lifecycle, operation=scheduled, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#completableAsync(kind=agent_action, service=lifecycle, operation=completable_async, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#forkJoin(kind=agent_action, service=lifecycle, operation=fork_join, caller=0, requested=1)",
      "dev.envelope.it.lifecycle.Lifecycle#asyncAdmission(kind=evaluation, service=lifecycle, operation=async_admission, caller=0, requested=1)",
      "");
  /** The grant steps, given on the command line: both sources apply together. */
  static final String INSTRUMENT = "dev.envelope.it.lifecycle.Placer#reserve(grant);"
      + "dev.envelope.it.lifecycle.Placer#bind(grant,resolution=node);"
      + "dev.envelope.it.lifecycle.Placer#limit/2(grant,granted=0:bandwidth_mbps,granted=1:route,resolution=route);"
      + "dev.envelope.it.lifecycle.Placer#refuse(grant)";

  /** What one run of {@link LifecycleMain} recorded. */
  static final class Run {
    final Events events;
    final String stdout;
    final List<String> diagnostics;
    final List<JsonNode> spans;

    Run(Events events, String stdout, List<String> diagnostics, List<JsonNode> spans) {
      this.events = events;
      this.stdout = stdout;
      this.diagnostics = diagnostics;
      this.spans = spans;
    }

    private static final java.util.Map<String, Run> RUNS = new java.util.HashMap<>();

    /** One run per mode for the whole class: each scenario test reads the same record. */
    static synchronized Run of(String mode) {
      return RUNS.computeIfAbsent(mode, m -> {
        try {
          return start(m);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
    }

    private static Run start(String mode) throws Exception {
      Path dir = ForkedJvm.newWorkDir("lifecycle-" + mode);
      ForkedJvm.Builder b = ForkedJvm.builder(dir).withAgent()
          .mainClass(ForkedJvm.testClassPath(), LifecycleMain.class.getName()).args(mode);
      if (mode.equals("plain")) {
        Path config = dir.resolve("envelope.conf");
        Files.writeString(config, CONFIG);
        b.jvmArg("-Denvelope.config=" + config).jvmArg("-Denvelope.instrument=" + INSTRUMENT);
      }
      try (ForkedJvm jvm = b.start()) {
        assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as(jvm.stderr()).isZero();
        return new Run(Events.read(dir.resolve("envelope-events.jsonl")), jvm.stdout(),
            jvm.agentDiagnostics(), Spans.fromStdout(jvm.stdout()));
      }
    }

    List<JsonNode> only(String operation) {
      List<List<JsonNode>> envelopes = events.forOperation(operation);
      assertThat(envelopes).as("envelopes of " + operation).hasSize(1);
      return envelopes.get(0);
    }

    JsonNode last(String operation) {
      List<JsonNode> es = only(operation);
      return es.get(es.size() - 1).get("envelope");
    }

    List<String> names(String operation) {
      return only(operation).stream().map(e -> e.get("event").asText()).collect(Collectors.toList());
    }

    /** The output lines of the application itself, without the agent's span lines. */
    String applicationOutput() {
      return stdout.lines().filter(l -> !l.startsWith("[envelope-agent]"))
          .collect(Collectors.joining("\n"));
    }
  }

  /** The scenarios, asserted the same way whatever declared the admissions. */
  abstract static class Scenarios {
    abstract Run run();

    @Test
    void severalGrantsRefineTheGrantAndKeepTheirHistory() {
      List<JsonNode> es = run().only("multi_grant");
      assertThat(run().names("multi_grant")).containsExactly(
          "envelope.admitted", "envelope.resolved", "envelope.resolved", "envelope.finalized");
      JsonNode first = es.get(1).get("envelope");
      JsonNode second = es.get(2).get("envelope");
      assertThat(first.at("/granted/gpu_count").asDouble()).isEqualTo(2.0);
      assertThat(first.at("/granted/engine").asText()).isEqualTo("vllm");
      assertThat(second.at("/granted/gpu_count").asDouble()).isEqualTo(1.5);
      assertThat(second.at("/granted/engine").asText()).isEqualTo("vllm-0.6");
      assertThat(second.at("/granted/node").asText()).as("keys are never removed").isEqualTo("pending");
      assertThat(second.at("/resolution/node").asText()).isEqualTo("gpu-node-west");
      for (JsonNode event : es) {
        assertThat(event.at("/envelope/requested/gpu_count").asLong()).isEqualTo(4);
        assertThat(event.at("/envelope/requested").size()).isEqualTo(3);
      }
      JsonNode span = Spans.withEnvelopeId(run().spans, es.get(0).get("envelope_id").asText());
      assertThat(span.get("events")).extracting(n -> n.get("name").asText()).containsExactly(
          "envelope.admitted", "envelope.resolved", "envelope.resolved", "envelope.finalized");
      assertThat(span.at("/attributes/envelope.granted.gpu_count").asDouble()).isEqualTo(1.5);
    }

    @Test
    void aVoidGrantRecordsItsGrantedParameters() {
      JsonNode e = run().last("void_grant");
      assertThat(run().names("void_grant"))
          .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
      assertThat(e.at("/granted/bandwidth_mbps").asLong()).isEqualTo(400);
      assertThat(e.at("/resolution/route").asText()).isEqualTo("route-west");
      assertThat(e.get("granted").has("route")).isFalse();
    }

    @Test
    void anExceptionInsideAGrantFailsAtResolution() {
      assertThat(run().names("grant_throws")).containsExactly("envelope.admitted", "envelope.failed");
      JsonNode e = run().last("grant_throws");
      assertThat(e.at("/failure/stage").asText()).isEqualTo("resolution");
      assertThat(e.at("/failure/error_type").asText()).isEqualTo("java.lang.IllegalStateException");
      assertThat(e.at("/failure/reason").asText()).isEqualTo("no capacity for 4 GPUs in west");
      assertThat(e.get("granted").size()).isZero();
      assertThat(run().stdout).contains("grant_throws -> threw java.lang.IllegalStateException: no capacity");
    }

    @Test
    void anExceptionAfterAGrantFailsAtFinalizationKeepingTheGrant() {
      assertThat(run().names("fails_after_grant"))
          .containsExactly("envelope.admitted", "envelope.resolved", "envelope.failed");
      JsonNode e = run().last("fails_after_grant");
      assertThat(e.at("/failure/stage").asText()).isEqualTo("finalization");
      assertThat(e.at("/failure/reason").asText()).isEqualTo("registry unavailable after placement");
      assertThat(e.at("/granted/gpu_count").asDouble()).isEqualTo(2.0);
    }

    @Test
    void aNestedAdmissionIsAChildEnvelopeAndAChildSpan() {
      List<JsonNode> outer = run().only("outer");
      List<JsonNode> inner = run().only("inner");
      String outerId = outer.get(0).get("envelope_id").asText();
      JsonNode innerEnvelope = inner.get(inner.size() - 1).get("envelope");
      assertThat(innerEnvelope.get("parent_envelope_id").asText()).isEqualTo(outerId);
      assertThat(outer.get(0).at("/envelope/parent_envelope_id").isNull()).isTrue();
      assertThat(innerEnvelope.get("trace_id").asText()).isEqualTo(outer.get(0).get("trace_id").asText());
      assertThat(innerEnvelope.at("/requested/model").asText()).isEqualTo("llama-draft");
      assertThat(innerEnvelope.at("/granted/gpu_count").asDouble()).isEqualTo(1.0);
      JsonNode outerLast = outer.get(outer.size() - 1).get("envelope");
      assertThat(outerLast.at("/granted/gpu_count").asDouble())
          .as("the inner grant lands in the inner envelope only").isEqualTo(1.5);
      assertThat(outer.stream().map(n -> n.get("event").asText()).collect(Collectors.toList()))
          .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
      JsonNode innerSpan = Spans.withEnvelopeId(run().spans, innerEnvelope.get("envelope_id").asText());
      JsonNode outerSpan = Spans.withEnvelopeId(run().spans, outerId);
      assertThat(innerSpan.get("parent_span_id").asText()).isEqualTo(outerSpan.get("span_id").asText());
      assertThat(innerSpan.at("/attributes/envelope.parent_id").asText()).isEqualTo(outerId);
    }

    @Test
    void theResultSelectionPicksAndRenames() {
      JsonNode resolution = run().last("result_selection").get("resolution");
      assertThat(resolution.get("deployment_id").asText()).isEqualTo("dep-result");
      assertThat(resolution.get("node").asText()).isEqualTo("gpu-node-9");
      assertThat(resolution.size()).isEqualTo(2);
    }

    @Test
    void aGrantWithNoEnvelopeRecordsNothingAndIsReportedOnce() {
      assertThat(run().events.byEnvelope().values())
          .allMatch(es -> !es.get(0).at("/envelope/execution/operation").asText().startsWith("orphan"));
      assertThat(run().stdout).contains("orphan_grant_on_pool -> Allocation[")
          .contains("orphan_grant_on_fork_join -> Allocation[");
      assertThat(run().diagnostics).hasSize(1);
      assertThat(run().diagnostics.get(0))
          .contains("dev.envelope.it.lifecycle.")
          .contains("ran with no current envelope");
    }

    @Test
    void aGrantOnAnExecutorThreadLandsInItsEnvelope() {
      for (String operation : List.of("executor_submit", "executor_execute", "scheduled")) {
        assertThat(run().names(operation)).as(operation)
            .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
        assertThat(run().last(operation).at("/granted/gpu_count").asDouble()).as(operation).isEqualTo(2.0);
      }
    }

    @Test
    void grantsInCompletableFutureAsyncStagesLandInTheirEnvelope() {
      assertThat(run().names("completable_async")).containsExactly(
          "envelope.admitted", "envelope.resolved", "envelope.resolved", "envelope.finalized");
      assertThat(run().last("completable_async").at("/resolution/node").asText()).isEqualTo("gpu-node-west");
    }

    @Test
    void grantsInForkJoinTasksLandInTheirEnvelope() {
      assertThat(run().names("fork_join")).containsExactly(
          "envelope.admitted", "envelope.resolved", "envelope.resolved", "envelope.finalized");
    }

    @Test
    void aCompletionStageAdmissionEndsWhenItsStageDoes() {
      assertThat(run().names("async_admission"))
          .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
      JsonNode e = run().last("async_admission");
      assertThat(e.at("/resolution/node").asText()).isEqualTo("gpu-node-west");
      assertThat(e.at("/granted/gpu_count").asDouble()).isEqualTo(1.5);
    }

    @Test
    void everyEnvelopeEndsExactlyOnce() {
      for (List<JsonNode> es : run().events.byEnvelope().values()) {
        long terminal = es.stream().map(n -> n.get("event").asText())
            .filter(n -> n.equals("envelope.finalized") || n.equals("envelope.failed")).count();
        assertThat(terminal).isEqualTo(1);
      }
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithAnnotations extends Scenarios {
    @Override
    Run run() {
      return Run.of("annotated");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithConfigurationOnly extends Scenarios {
    @Override
    Run run() {
      return Run.of("plain");
    }

    @Test
    void theApplicationBehavesAsWithAnnotations() {
      assertThat(run().applicationOutput()).isEqualTo(Run.of("annotated").applicationOutput());
    }
  }
}
