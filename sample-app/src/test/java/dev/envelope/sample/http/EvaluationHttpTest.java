package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvaluationHttpTest {

  private SampleServer server;

  @BeforeEach
  void start() throws Exception {
    server = SampleServer.start(0);
    assertThat(TestHttp.deploy(server, "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}")
        .statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> submit(SampleServer s, String token, String body) throws Exception {
    return TestHttp.call(s, "POST", "/evaluation/jobs", token, null, body);
  }

  @Test
  void answers202WithTheQueuedNarrowedJob() throws Exception {
    HttpResponse<String> response = submit(server, "demo-token",
        "{\"deployment_id\":\"dep-000001\",\"dataset\":\"mmlu\",\"metrics\":[\"accuracy\"],"
            + "\"sample_count\":5000,\"gpu_count\":4}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("{\"job_id\":\"eval-000001\",\"status\":\"queued\","
        + "\"deployment_id\":\"dep-000001\",\"dataset\":\"mmlu\",\"metrics\":[\"accuracy\"],"
        + "\"sample_count\":1000,\"gpu_count\":2,\"queue\":\"eval-large\"}");
  }

  @Test
  void aSmallJobIsGrantedInFullOnTheSmallQueue() throws Exception {
    HttpResponse<String> response = submit(server, "bob-token",
        "{\"deployment_id\":\"dep-000001\",\"dataset\":\"humaneval\",\"metrics\":[\"pass_at_1\"]}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("\"sample_count\":164,\"gpu_count\":1,"
        + "\"queue\":\"eval-small\"");
  }

  @Test
  void refusesUnknownDatasetsMetricsDeploymentsAndOtherTenants() throws Exception {
    HttpResponse<String> dataset = submit(server, "demo-token",
        "{\"deployment_id\":\"dep-000001\",\"dataset\":\"imagenet\",\"metrics\":[\"accuracy\"]}");
    HttpResponse<String> metric = submit(server, "demo-token",
        "{\"deployment_id\":\"dep-000001\",\"dataset\":\"mmlu\",\"metrics\":[\"bleu\"]}");
    HttpResponse<String> missing = submit(server, "demo-token",
        "{\"deployment_id\":\"dep-000007\",\"dataset\":\"mmlu\",\"metrics\":[\"accuracy\"]}");
    HttpResponse<String> foreign = submit(server, "svc-token",
        "{\"deployment_id\":\"dep-000001\",\"dataset\":\"mmlu\",\"metrics\":[\"accuracy\"]}");

    assertThat(dataset.statusCode()).isEqualTo(400);
    assertThat(dataset.body()).isEqualTo("{\"error\":\"unknown dataset 'imagenet'"
        + " (known: gsm8k, humaneval, mmlu, truthfulqa)\"}");
    assertThat(metric.statusCode()).isEqualTo(400);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(foreign.statusCode()).isEqualTo(403);
  }

  @Test
  void twoFreshServersAnswerTheSameSequenceIdentically() throws Exception {
    List<String> first = transcript(server);
    try (SampleServer fresh = SampleServer.start(0)) {
      TestHttp.deploy(fresh, "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}");

      assertThat(transcript(fresh)).isEqualTo(first);
    }
  }

  private List<String> transcript(SampleServer s) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String[] step : new String[][] {
        {"demo-token", "{\"deployment_id\":\"dep-000001\",\"dataset\":\"gsm8k\","
            + "\"metrics\":[\"exact_match\"],\"sample_count\":2000}"},
        {"bob-token", "{\"deployment_id\":\"dep-000001\",\"dataset\":\"truthfulqa\","
            + "\"metrics\":[\"bleu\",\"rouge_l\"],\"gpu_count\":3}"},
        {"demo-token", "{\"deployment_id\":\"dep-000001\",\"dataset\":\"mmlu\",\"metrics\":[]}"},
        {"demo-token", "{\"deployment_id\":\"dep-000001\",\"dataset\":\"mmlu\","
            + "\"metrics\":[\"accuracy\"],\"sample_count\":10}"}}) {
      HttpResponse<String> r = submit(s, step[0], step[1]);
      lines.add(r.statusCode() + " " + r.body());
    }
    return lines;
  }
}
