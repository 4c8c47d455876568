package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Spans;
import dev.envelope.it.targets.ApiMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The programmatic API in the annotations jar: a no-op without the agent, live with it; extension
 * data only under a valid namespace (invariant 4), and nothing else changes when one is refused.
 */
class ProgrammaticApiIT {
  @Test
  void withTheAgentTheApplicationReadsItsEnvelopeAndAddsNamespacedData() throws Exception {
    Path dir = ForkedJvm.newWorkDir("api-agent");
    String out;
    List<JsonNode> spans;
    try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgent()
        .mainClass(ForkedJvm.testClassPath(), ApiMain.class.getName()).start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as(jvm.stderr()).isZero();
      assertThat(jvm.agentDiagnostics()).isEmpty();
      out = jvm.stdout();
      spans = Spans.fromStdout(out);
    }
    List<JsonNode> events = Events.read(dir.resolve("envelope-events.jsonl")).forOperation("deploy_model").get(0);
    String id = events.get(0).get("envelope_id").asText();

    assertThat(out).contains("outside: present=false id=null requested={}")
        .contains("outside add: false")
        .contains("inside: present=true phase=admission requested={gpu_count=4} id=" + id)
        .contains("after grant: phase=resolved granted={place=2.0}")
        .contains("added: true")
        .contains("rejected: extension namespace 'requested' starts with the reserved name 'requested'")
        .contains("rejected: extension namespace 'Serving VLLM' is not dotted lower case")
        .contains("extensions: [serving.vllm]")
        .doesNotContain("sk-not-for-the-record");

    JsonNode finalized = events.get(events.size() - 1).get("envelope");
    assertThat(finalized.get("phase").asText()).isEqualTo("finalized");
    JsonNode vllm = finalized.at("/extensions/serving.vllm");
    assertThat(vllm.get("max_model_len").asLong()).isEqualTo(8192);
    assertThat(vllm.get("tensor_parallel").asLong()).isEqualTo(2);
    assertThat(vllm.get("api_key").asText()).isEqualTo("[REDACTED]");
    assertThat(finalized.get("extensions").size()).isEqualTo(1);
    assertThat(finalized.get("redacted").toString()).contains("extensions.serving.vllm.api_key");
    assertThat(finalized.at("/requested/gpu_count").asLong()).as("refused data changed nothing").isEqualTo(4);
    assertThat(finalized.get("requested").size()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("envelope-events.jsonl"))).doesNotContain("sk-not-for-the-record");

    JsonNode span = Spans.withEnvelopeId(spans, id);
    assertThat(span.at("/attributes/envelope.ext.serving.vllm.max_model_len").asLong()).isEqualTo(8192);
    assertThat(span.at("/attributes/envelope.ext.serving.vllm.api_key").asText()).isEqualTo("[REDACTED]");
  }

  @Test
  void withoutTheAgentEveryCallIsANoOpButABadNamespaceIsStillRefused() throws Exception {
    Path dir = ForkedJvm.newWorkDir("api-plain");
    try (ForkedJvm jvm = ForkedJvm.builder(dir)
        .mainClass(ForkedJvm.testClassPath(), ApiMain.class.getName()).start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as(jvm.stderr()).isZero();
      assertThat(jvm.stdout())
          .contains("outside: present=false id=null requested={}")
          .contains("inside: present=false phase=null requested={} id=null")
          .contains("added: false")
          .contains("rejected: extension namespace 'requested' starts with the reserved name 'requested'")
          .contains("extensions: []")
          .contains("deployed");
    }
  }
}
