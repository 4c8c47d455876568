package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteDeploymentHttpTest {

  private static final String FOUR_VLLM_GPUS =
      "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":4,\"location\":\"us-west\"}";

  private SampleServer server;

  @BeforeEach
  void start() throws Exception {
    server = SampleServer.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> delete(SampleServer s, String token, String pathAndQuery)
      throws Exception {
    return TestHttp.call(s, "DELETE", "/serving/deployments/" + pathAndQuery, token, null, null);
  }

  @Test
  void deleteAnswers200AndFreesTheGpusSoTheNextDeployFitsWhole() throws Exception {
    // A service account may take all 4 GPUs of gpu-node-1; the second ask only gets gpu-node-2's 2.
    assertThat(TestHttp.post(server, "svc-token", null, FOUR_VLLM_GPUS).body())
        .contains("\"node\":\"gpu-node-1\",\"gpu_count\":4");
    assertThat(TestHttp.post(server, "svc-token", null, FOUR_VLLM_GPUS).body())
        .contains("\"node\":\"gpu-node-2\",\"gpu_count\":2");

    HttpResponse<String> deleted = delete(server, "svc-token", "dep-000001");
    HttpResponse<String> again = TestHttp.post(server, "svc-token", null, FOUR_VLLM_GPUS);

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"deployment_id\":\"dep-000001\",\"deleted\":true,"
        + "\"node\":\"gpu-node-1\",\"released_gpu_count\":4,\"cancelled_jobs\":[]}");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).contains("\"deployment_id\":\"dep-000003\"")
        .contains("\"node\":\"gpu-node-1\",\"gpu_count\":4");
  }

  @Test
  void unknownAndAlreadyDeletedAre404AnotherTenantsIs403() throws Exception {
    TestHttp.deploy(server, "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}");

    HttpResponse<String> foreign = delete(server, "svc-token", "dep-000001");
    HttpResponse<String> unknown = delete(server, "demo-token", "dep-000002");
    HttpResponse<String> first = delete(server, "bob-token", "dep-000001?force=false");
    HttpResponse<String> second = delete(server, "demo-token", "dep-000001");

    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body())
        .isEqualTo("{\"error\":\"deployment 'dep-000001' belongs to another tenant\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"no deployment 'dep-000002'\"}");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(404);
  }

  @Test
  void queuedEvaluationJobsNeedForceWhichCancelsThem() throws Exception {
    TestHttp.deploy(server, "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}");
    for (int i = 0; i < 2; i++) {
      assertThat(TestHttp.call(server, "POST", "/evaluation/jobs", "demo-token", null,
          "{\"deployment_id\":\"dep-000001\",\"dataset\":\"mmlu\",\"metrics\":[\"accuracy\"]}")
          .statusCode()).isEqualTo(202);
    }

    HttpResponse<String> refused = delete(server, "demo-token", "dep-000001");
    HttpResponse<String> forced = delete(server, "demo-token", "dep-000001?force=true");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).isEqualTo("{\"error\":\"deployment 'dep-000001' has 2 queued"
        + " evaluation jobs; delete with ?force=true to cancel them\"}");
    assertThat(forced.statusCode()).isEqualTo(200);
    assertThat(forced.body()).endsWith("\"cancelled_jobs\":[\"eval-000001\",\"eval-000002\"]}");
  }

  @Test
  void inferenceOnADeletedDeploymentIs404() throws Exception {
    TestHttp.deploy(server, "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}");
    delete(server, "demo-token", "dep-000001");

    HttpResponse<String> response = TestHttp.call(server, "POST", "/inference/dep-000001",
        "demo-token", null, "{\"prompt\":\"hi\"}");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void twoFreshServersAnswerTheSameSequenceIdentically() throws Exception {
    List<String> first = transcript(server);
    try (SampleServer fresh = SampleServer.start(0)) {
      assertThat(transcript(fresh)).isEqualTo(first);
    }
  }

  private List<String> transcript(SampleServer s) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(TestHttp.post(s, "svc-token", null, FOUR_VLLM_GPUS).body());
    lines.add(TestHttp.post(s, "svc-token", null, FOUR_VLLM_GPUS).body());
    lines.add(delete(s, "svc-token", "dep-000002").body());
    lines.add(delete(s, "svc-token", "dep-000002").body());
    lines.add(TestHttp.post(s, "svc-token", null, FOUR_VLLM_GPUS).body());
    return lines;
  }

  @Test
  void concurrentDeletesEachGetTheirOwnDeploymentId() throws Exception {
    int n = 12;
    for (int i = 0; i < n; i++) {
      TestHttp.deploy(server, "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":0.5}");
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      for (int i = 1; i <= n; i++) {
        String id = String.format("dep-%06d", i);
        answers.add(pool.submit(() -> {
          start.await();
          return delete(server, "demo-token", id);
        }));
      }
      start.countDown();
      for (int i = 1; i <= n; i++) {
        HttpResponse<String> answer = answers.get(i - 1).get();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains(String.format("\"deployment_id\":\"dep-%06d\"", i));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
