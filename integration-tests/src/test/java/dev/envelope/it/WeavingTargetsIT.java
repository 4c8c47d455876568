package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.targets.WeavingTargetsMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every method shape the agent must weave, in a forked JVM with the real agent jar. */
class WeavingTargetsIT {
  static Events events;
  static String withAgent;
  static String withoutAgent;
  static List<String> diagnostics;

  @BeforeAll
  static void run() throws Exception {
    Path dir = ForkedJvm.newWorkDir("weaving");
    try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgent("debug=false")
        .jvmArg("-Dotel.traces.exporter=none")
        .mainClass(ForkedJvm.testClassPath(), WeavingTargetsMain.class.getName()).start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as(jvm.stderr()).isZero();
      withAgent = jvm.stdout();
      diagnostics = jvm.agentDiagnostics();
    }
    events = Events.read(dir.resolve("envelope-events.jsonl"));
    Path plain = ForkedJvm.newWorkDir("weaving-plain");
    try (ForkedJvm jvm = ForkedJvm.builder(plain)
        .mainClass(ForkedJvm.testClassPath(), WeavingTargetsMain.class.getName()).start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).isZero();
      withoutAgent = jvm.stdout();
    }
  }

  private static List<JsonNode> only(String operation) {
    List<List<JsonNode>> envelopes = events.forOperation(operation);
    assertThat(envelopes).as("envelopes of " + operation).hasSize(1);
    return envelopes.get(0);
  }

  private static List<String> names(List<JsonNode> es) {
    return es.stream().map(e -> e.get("event").asText()).collect(java.util.stream.Collectors.toList());
  }

  private static JsonNode last(List<JsonNode> es) {
    return es.get(es.size() - 1).get("envelope");
  }

  @Test
  void returnValuesAndExceptionsAreUnchanged() {
    assertThat(withAgent).isEqualTo(withoutAgent);
    assertThat(withAgent).contains("throwing_op -> same exception: bad ask");
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void instanceMethodWithGrantInAnotherClass() {
    List<JsonNode> es = only("instance_op");
    assertThat(names(es)).containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    JsonNode e = last(es);
    assertThat(e.at("/caller/requester_urn").asText()).isEqualTo("urn:user:carol");
    assertThat(e.at("/requested/model").asText()).isEqualTo("llama");
    assertThat(e.at("/requested/resources.gpu_count").asLong()).isEqualTo(4);
    assertThat(e.at("/requested/resources.memory_gb").asDouble()).isEqualTo(16.5);
    assertThat(e.at("/granted/gpu_count").asDouble()).isEqualTo(2.0);
    assertThat(e.at("/resolution/node").asText()).isEqualTo("node-5");
    assertThat(e.get("granted").has("node")).isFalse();
    assertThat(e.at("/execution/handler").asText())
        .isEqualTo("dev.envelope.it.targets.Targets$InstanceService#deploy");
    assertThat(e.at("/execution/kind").asText()).isEqualTo("deployment");
  }

  @Test
  void staticMethods() {
    JsonNode e = last(only("static_op"));
    assertThat(e.get("phase").asText()).isEqualTo("finalized");
    assertThat(e.at("/execution/kind").asText()).isEqualTo("pipeline_step");
    assertThat(e.at("/requested/size").asLong()).isEqualTo(21);
    assertThat(e.at("/resolution/result").asLong()).isEqualTo(42);
  }

  @Test
  void operationDefaultsToTheMethodNameAndScalarKeyToTheParameterName() {
    JsonNode e = last(only("default_operation_name"));
    assertThat(e.at("/requested/count").asLong()).isEqualTo(9);
    assertThat(e.at("/caller/requester_urn").asText()).isEqualTo("urn:anonymous");
  }

  @Test
  void defaultInterfaceMethods() {
    JsonNode e = last(only("default_op"));
    assertThat(e.at("/execution/kind").asText()).isEqualTo("agent_action");
    assertThat(e.at("/requested/target").asText()).isEqualTo("db-7");
    assertThat(e.at("/resolution/result").asText()).isEqualTo("acted on db-7");
  }

  @Test
  void genericMethodsAndClasses() {
    JsonNode e = last(only("generic_op"));
    assertThat(e.at("/requested/left").asText()).isEqualTo("pear");
    assertThat(e.at("/requested/right").asText()).isEqualTo("apple");
    assertThat(last(only("generic_class_op")).at("/requested/text").asText()).isEqualTo("hello");
  }

  @Test
  void aBridgeMethodDoesNotOpenASecondEnvelope() {
    List<JsonNode> es = only("bridged_op");
    assertThat(names(es)).containsExactly("envelope.admitted", "envelope.finalized");
    JsonNode e = last(es);
    assertThat(e.get("parent_envelope_id").isNull()).isTrue();
    assertThat(e.at("/requested/model").asText()).isEqualTo("mistral");
  }

  @Test
  void varargsMethods() {
    JsonNode e = last(only("varargs_op"));
    assertThat(e.at("/requested/first").asText()).isEqualTo("a");
    assertThat(e.at("/requested/tags").toString()).isEqualTo("[\"b\",\"c\"]");
  }

  @Test
  void aCompletionStageEndsTheEnvelopeWhenItCompletes() {
    List<JsonNode> ok = only("async_ok");
    assertThat(names(ok)).containsExactly("envelope.admitted", "envelope.finalized");
    JsonNode e = last(ok);
    assertThat(e.at("/resolution/node").asText()).isEqualTo("async-node");
    assertThat(java.time.Duration.between(
        java.time.Instant.parse(e.at("/timeline/admitted_at").asText()),
        java.time.Instant.parse(e.at("/timeline/finalized_at").asText())).toMillis())
        .as("finalized when the stage completed, not when the method returned")
        .isGreaterThanOrEqualTo(150);

    List<JsonNode> failed = only("async_fail");
    assertThat(names(failed)).containsExactly("envelope.admitted", "envelope.failed");
    JsonNode f = last(failed);
    assertThat(f.at("/failure/error_type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(f.at("/failure/reason").asText()).isEqualTo("evaluator crashed on 5");
  }

  @Test
  void theApplicationsExceptionFailsTheEnvelope() {
    List<JsonNode> es = only("throwing_op");
    assertThat(names(es)).containsExactly("envelope.admitted", "envelope.failed");
    JsonNode e = last(es);
    assertThat(e.at("/failure/stage").asText()).isEqualTo("admission");
    assertThat(e.at("/failure/error_type").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(e.at("/failure/reason").asText()).isEqualTo("bad ask");
  }
}
