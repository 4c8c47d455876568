package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.SampleBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The paper's third test: adopting the envelope does not change placement. The same requests,
 * against a fresh backend with and without the agent, get byte-identical answers.
 */
class AdditivityIT {
  private static final String[][] SCRIPT = {
    // tenant token, body
    {"demo-token", "{\"model\":\"a\",\"engine\":\"vllm\",\"gpu_count\":1,\"location\":\"us-west\"}"},
    {"demo-token", "{\"model\":\"b\",\"engine\":\"vllm\",\"gpu_count\":4,\"location\":\"us-west\"}"},
    {"svc-token", "{\"model\":\"c\",\"engine\":\"triton\",\"gpu_count\":1.5}"},
    {"demo-token", "{\"model\":\"d\",\"engine\":\"triton\",\"gpu_count\":2}"},
    {"bob-token", "{\"model\":\"e\",\"engine\":\"tgi\",\"gpu_count\":1,\"location\":\"us-east\"}"},
    {"demo-token", "{\"model\":\"f\",\"engine\":\"tgi\",\"gpu_count\":1,\"location\":\"us-east\"}"},
    {"demo-token", "{\"model\":\"g\",\"engine\":\"sglang\",\"gpu_count\":1}"},
    {"demo-token", "{\"model\":\"h\",\"engine\":\"vllm\",\"gpu_count\":-1}"},
    {"demo-token", "{\"model\":\"i\",\"engine\":\"vllm\",\"gpu_count\":"},
    {"", "{\"model\":\"j\",\"engine\":\"vllm\",\"gpu_count\":1}"},
    {"demo-token", "{\"model\":\"k\",\"engine\":\"vllm\",\"gpu_count\":2,\"location\":\"us-west\"}"},
    {"demo-token", "{\"model\":\"l\",\"engine\":\"vllm\",\"gpu_count\":2,\"location\":\"us-west\"}"},
  };

  @Test
  void answersAreIdenticalWithAndWithoutTheAgent() throws Exception {
    List<Http.Reply> without = run(false);
    List<Http.Reply> with = run(true);
    assertThat(with).containsExactlyElementsOf(without);
    assertThat(without.stream().map(r -> r.status).distinct().collect(Collectors.toList()))
        .as("the script covers accepted, rejected and malformed requests")
        .contains(201, 400, 401, 409);
  }

  @Test
  void theDemoPrintsTheSameSummaryWithAndWithoutTheAgent() throws Exception {
    String without = demo(false);
    String with = demo(true);
    assertThat(with).isEqualTo(without);
    assertThat(without).contains("all as expected");
  }

  private static String demo(boolean agent) throws Exception {
    Path dir = ForkedJvm.newWorkDir("demo-additivity");
    // Spans go to the console exporter on stdout; here only the application's own output counts.
    ForkedJvm.Builder b = ForkedJvm.builder(dir).jar(ForkedJvm.sampleJar()).args("--demo");
    if (agent) {
      b.withAgent().jvmArg("-Dotel.traces.exporter=none");
    }
    try (ForkedJvm jvm = b.start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(120))).isZero();
      if (agent) {
        assertThat(Files.size(dir.resolve("envelope-events.jsonl"))).isPositive();
      }
      return jvm.stdout();
    }
  }

  private static List<Http.Reply> run(boolean agent) throws Exception {
    Path dir = ForkedJvm.newWorkDir(agent ? "additivity-agent" : "additivity-plain");
    List<Http.Reply> replies = new ArrayList<>();
    try (SampleBackend backend = SampleBackend.start(dir, agent, null)) {
      int i = 0;
      for (String[] step : SCRIPT) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!step[0].isEmpty()) {
          headers.put("Authorization", "Bearer " + step[0]);
        }
        headers.put("X-Request-Id", "req-additivity-" + (i++));
        replies.add(Http.post(backend.port(), "/serving/deploy_model", step[1], headers));
      }
      backend.stop();
    }
    return replies;
  }
}
