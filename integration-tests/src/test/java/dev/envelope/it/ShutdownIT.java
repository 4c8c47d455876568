package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.OtlpReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when the service is stopped right after its last request: the events file is
 * buffered and spans are batched, so both must be written out by the shutdown hook.
 */
class ShutdownIT {
  private static final int CYCLES = 150;
  private static final String HALF_GPU =
      "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":0.5,\"location\":\"us-west\"}";

  @Test
  void sigtermRightAfterTheLastRequestLeavesEveryEnvelopeAndEverySpan() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Path dir = ForkedJvm.newWorkDir("shutdown");
      Set<String> requestIds = new HashSet<>();
      try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgent()
          .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
          .jar(ForkedJvm.sampleJar()).args("--port", "0").start()) {
        int port = Integer.parseInt(jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
            Duration.ofSeconds(60)));
        for (int i = 1; i <= CYCLES; i++) {
          Map<String, String> deploy = SampleBackendEnvelopeIT.headers("req-deploy-" + i);
          assertThat(Http.post(port, "/serving/deploy_model", HALF_GPU, deploy).status)
              .isEqualTo(201);
          Map<String, String> delete = SampleBackendEnvelopeIT.headers("req-delete-" + i);
          assertThat(Http.delete(port, String.format("/serving/deployments/dep-%06d", i), delete)
              .status).isEqualTo(200);
          requestIds.add("req-deploy-" + i);
          requestIds.add("req-delete-" + i);
        }
        assertThat(jvm.stop(Duration.ofSeconds(60))).as("exit status after SIGTERM").isIn(0, 143);
        assertThat(jvm.agentDiagnostics()).as("nothing reported lost").isEmpty();
      }

      Events events = Events.read(dir.resolve("envelope-events.jsonl"));
      Map<String, List<JsonNode>> envelopes = events.byEnvelope();
      assertThat(envelopes).hasSize(2 * CYCLES);
      Set<String> seen = new HashSet<>();
      Set<String> traceIds = new HashSet<>();
      for (List<JsonNode> envelope : envelopes.values()) {
        List<String> names = envelope.stream().map(e -> e.get("event").asText()).toList();
        assertThat(names).as("one admission, one end").startsWith("envelope.admitted")
            .endsWith("envelope.finalized")
            .filteredOn(n -> n.equals("envelope.finalized") || n.equals("envelope.failed"))
            .hasSize(1);
        seen.add(envelope.get(0).at("/envelope/caller/request_id").asText());
        traceIds.add(envelope.get(0).get("trace_id").asText());
      }
      assertThat(seen).isEqualTo(requestIds);

      Set<String> exported = new HashSet<>();
      receiver.traces().forEach(r -> r.getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
          .forEach(ss -> ss.getSpansList().forEach(s ->
              exported.add(dev.envelope.it.support.Otlp.hex(s.getTraceId()))))));
      assertThat(exported).as("every envelope's span reached the collector").containsAll(traceIds);
    }
  }
}
