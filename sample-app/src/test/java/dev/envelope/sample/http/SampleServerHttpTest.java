package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.sample.demo.DemoClient;
import dev.envelope.sample.demo.DemoOutcome;
import dev.envelope.sample.demo.DemoRequest;
import dev.envelope.sample.demo.DemoScript;
import dev.envelope.sample.json.JsonParser;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SampleServerHttpTest {

  /** What a fresh server answers to each request of {@link DemoScript}, in order. */
  private static final List<String> DEMO_BODIES = List.of(
      "{\"deployment_id\":\"dep-000001\",\"serve_path\":\"/serving/deployments/dep-000001\","
          + "\"public_path\":\"/v1/models/llama-3.1-8b-instruct/dep-000001\","
          + "\"node\":\"gpu-node-1\",\"gpu_count\":1,\"engine\":\"vllm-0.6\"}",
      "{\"deployment_id\":\"dep-000002\",\"serve_path\":\"/serving/deployments/dep-000002\","
          + "\"public_path\":\"/v1/models/llama-3.1-70b-instruct/dep-000002\","
          + "\"node\":\"gpu-node-1\",\"gpu_count\":2,\"engine\":\"vllm-0.6\"}",
      "{\"deployment_id\":\"dep-000003\",\"serve_path\":\"/serving/deployments/dep-000003\","
          + "\"public_path\":\"/v1/models/whisper-large-v3/dep-000003\","
          + "\"node\":\"gpu-node-2\",\"gpu_count\":1.5,\"engine\":\"triton-24.08\"}",
      "{\"deployment_id\":\"dep-000004\",\"serve_path\":\"/serving/deployments/dep-000004\","
          + "\"public_path\":\"/v1/models/llama-guard-3-8b/dep-000004\","
          + "\"node\":\"gpu-node-2\",\"gpu_count\":0.5,\"engine\":\"triton-24.08\"}",
      "{\"deployment_id\":\"dep-000005\",\"serve_path\":\"/serving/deployments/dep-000005\","
          + "\"public_path\":\"/v1/models/mistral-7b-instruct/dep-000005\","
          + "\"node\":\"gpu-node-3\",\"gpu_count\":1,\"engine\":\"tgi-2.4\"}",
      "{\"error\":\"no vllm node in us-east has 0.5 GPU free\"}",
      "{\"error\":\"unsupported engine 'sglang' (supported: tgi, triton, vllm)\"}",
      "{\"error\":\"malformed JSON: unexpected end of input at offset 61\"}",
      "{\"error\":\"missing bearer token\"}",
      "{\"error\":\"token is not valid for tenant 'globex'\"}",
      // Inference, evaluation, data movement and maintenance, appended after the deploys.
      "{\"deployment_id\":\"dep-000001\",\"replica_id\":\"dep-000001-r1\",\"node\":\"gpu-node-1\","
          + "\"max_output_len\":2048,\"rate_limit_rps\":20,\"stream\":false,\"output_len\":220,"
          + "\"text\":\"(simulated)\"}",
      "{\"deployment_id\":\"dep-000004\",\"replica_id\":\"dep-000004-r1\",\"node\":\"gpu-node-2\","
          + "\"max_output_len\":256,\"rate_limit_rps\":20,\"stream\":false,\"output_len\":116,"
          + "\"text\":\"(simulated)\"}",
      "{\"error\":\"no deployment 'dep-000099'\"}",
      "{\"error\":\"deployment 'dep-000003' belongs to another tenant\"}",
      "{\"job_id\":\"eval-000001\",\"status\":\"queued\",\"deployment_id\":\"dep-000002\","
          + "\"dataset\":\"mmlu\",\"metrics\":[\"accuracy\"],\"sample_count\":1000,\"gpu_count\":2,"
          + "\"queue\":\"eval-large\"}",
      "{\"job_id\":\"eval-000002\",\"status\":\"queued\",\"deployment_id\":\"dep-000005\","
          + "\"dataset\":\"gsm8k\",\"metrics\":[\"exact_match\",\"accuracy\"],\"sample_count\":100,"
          + "\"gpu_count\":1,\"queue\":\"eval-small\"}",
      "{\"error\":\"unknown dataset 'imagenet-21k' (known: gsm8k, humaneval, mmlu, truthfulqa)\"}",
      "{\"transfer_id\":\"xfer-000001\",\"status\":\"queued\",\"route\":\"s3-gs-interconnect\","
          + "\"bandwidth_mbps\":500,\"encrypt\":true,\"bytes\":500000000000,"
          + "\"estimated_seconds\":8000}",
      "{\"transfer_id\":\"xfer-000002\",\"status\":\"queued\",\"route\":\"s3-direct\","
          + "\"bandwidth_mbps\":800,\"encrypt\":true,\"bytes\":20000000000,\"estimated_seconds\":200}",
      "{\"error\":\"malformed JSON: unexpected end of input at offset 36\"}",
      "{\"error\":\"deployment 'dep-000003' belongs to another tenant\"}",
      "{\"error\":\"deployment 'dep-000002' has 1 queued evaluation job;"
          + " delete with ?force=true to cancel it\"}",
      "{\"deployment_id\":\"dep-000002\",\"deleted\":true,\"node\":\"gpu-node-1\","
          + "\"released_gpu_count\":2,\"cancelled_jobs\":[\"eval-000001\"]}",
      "{\"deployment_id\":\"dep-000006\",\"serve_path\":\"/serving/deployments/dep-000006\","
          + "\"public_path\":\"/v1/models/qwen2.5-32b-instruct/dep-000006\","
          + "\"node\":\"gpu-node-1\",\"gpu_count\":3,\"engine\":\"vllm-0.6\"}",
      "{\"error\":\"no deployment 'dep-000002'\"}",
      "{\"error\":\"missing bearer token\"}");

  private SampleServer server;

  @BeforeEach
  void start() throws Exception {
    server = SampleServer.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI deployUri(SampleServer s) {
    return s.baseUri().resolve(SampleServer.DEPLOY_PATH);
  }

  @Test
  void listensOnLoopbackOnAFreePort() {
    assertThat(server.port()).isPositive();
    assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
  }

  @Test
  void answersEveryDemoRequestWithTheExpectedStatusAndBody() throws Exception {
    List<DemoRequest> script = DemoScript.requests();
    List<DemoOutcome> outcomes = new DemoClient().send(deployUri(server), script);

    assertThat(outcomes).hasSameSizeAs(DEMO_BODIES);
    for (int i = 0; i < outcomes.size(); i++) {
      DemoOutcome outcome = outcomes.get(i);
      assertThat(outcome.status()).as(script.get(i).purpose()).isEqualTo(script.get(i).expectedStatus());
      assertThat(outcome.body()).as(script.get(i).purpose()).isEqualTo(DEMO_BODIES.get(i));
    }
  }

  @Test
  void theScriptCoversEveryKindOfAnswer() {
    assertThat(DemoScript.requests().stream().map(DemoRequest::expectedStatus).distinct())
        .containsExactlyInAnyOrder(200, 201, 202, 400, 401, 403, 404, 409);
  }

  @Test
  void twoFreshServersAnswerTheSameSequenceIdentically() throws Exception {
    List<String> first = transcript(server);
    try (SampleServer fresh = SampleServer.start(0)) {
      List<String> second = transcript(fresh);

      assertThat(second).isEqualTo(first);
    }
    // The same server asked again has used up its inventory, so it must answer differently.
    assertThat(transcript(server)).isNotEqualTo(first);
  }

  private List<String> transcript(SampleServer s) throws Exception {
    List<String> lines = new ArrayList<>();
    for (DemoOutcome outcome : new DemoClient().send(deployUri(s), DemoScript.requests())) {
      lines.add(outcome.status() + " " + outcome.body());
    }
    return lines;
  }

  @Test
  void createdAnswersCarryLocationRequestIdAndJsonContentType() throws Exception {
    HttpResponse<String> response = TestHttp.post(server, "demo-token", "acme",
        "{\"model\":\"m\",\"engine\":\"tgi\",\"gpu_count\":2,\"location\":\"us-west\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Location")).hasValue("/serving/deployments/dep-000001");
    assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-000001");
  }

  @Test
  void unknownPathsAre404() throws Exception {
    for (String path : new String[] {"/", "/serving", "/serving/deploy_model/x",
        "/serving/deploy_modelx", "/serving/deployments", "/serving/deployments/",
        "/serving/deployments/dep-000001/x", "/inference", "/inference/", "/inference/dep-1/x",
        "/evaluation", "/evaluation/jobs/x", "/data/transfers/x"}) {
      HttpResponse<String> response = TestHttp.send(TestHttp.request(server, path)
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body()).isEqualTo("{\"error\":\"no such path: " + path + "\"}");
    }
  }

  @Test
  void aPathVariableIsOneSegmentOfUnreservedCharacters() throws Exception {
    HttpResponse<String> encodedSlash = TestHttp.call(server, "POST", "/inference/dep%2F000001",
        "demo-token", null, "{\"prompt\":\"x\"}");
    HttpResponse<String> space = TestHttp.call(server, "DELETE", "/serving/deployments/dep%20x",
        "demo-token", null, null);

    assertThat(encodedSlash.statusCode()).isEqualTo(404);
    assertThat(encodedSlash.body()).isEqualTo("{\"error\":\"no such path: /inference/dep/000001\"}");
    assertThat(space.statusCode()).isEqualTo(404);
  }

  @Test
  void everyRouteAnswersOtherMethodsWith405AndItsAllow() throws Exception {
    String[][] routes = {
        {"/inference/dep-000001", "POST"},
        {"/evaluation/jobs", "POST"},
        {"/data/transfers", "POST"},
        {"/serving/deployments/dep-000001", "DELETE"}};
    for (String[] route : routes) {
      for (String method : new String[] {"GET", "PUT", "PATCH", "POST", "DELETE"}) {
        if (method.equals(route[1])) {
          continue;
        }
        HttpResponse<String> response = TestHttp.call(server, method, route[0], "demo-token",
            null, null);
        assertThat(response.statusCode()).as(method + " " + route[0]).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue(route[1]);
        assertThat(response.body()).isEqualTo("{\"error\":\"method " + method
            + " not allowed (allowed: " + route[1] + ")\"}");
      }
    }
  }

  @Test
  void generatedRequestIdsCountAcrossAllRoutes() throws Exception {
    HttpResponse<String> first = TestHttp.post(server, "demo-token", null,
        "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}");
    HttpResponse<String> second = TestHttp.call(server, "POST", "/inference/dep-000001",
        "demo-token", null, "{\"prompt\":\"x\"}");
    HttpResponse<String> third = TestHttp.call(server, "DELETE", "/serving/deployments/dep-000009",
        null, null, null);

    assertThat(first.headers().firstValue("X-Request-Id")).hasValue("req-000001");
    assertThat(second.headers().firstValue("X-Request-Id")).hasValue("req-000002");
    assertThat(third.headers().firstValue("X-Request-Id")).hasValue("req-000003");
  }

  @Test
  void otherMethodsAre405WithAllow() throws Exception {
    for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
      HttpResponse<String> response = TestHttp.send(TestHttp.request(server, SampleServer.DEPLOY_PATH)
          .method(method, HttpRequest.BodyPublishers.noBody()).build());
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("POST");
      assertThat(response.body())
          .isEqualTo("{\"error\":\"method " + method + " not allowed (allowed: POST)\"}");
    }
    HttpResponse<String> head = TestHttp.send(TestHttp.request(server, SampleServer.DEPLOY_PATH)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void concurrentRequestsAllGetAnAnswerAndNeverOverbookTheInventory() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> TestHttp.post(server, "svc-token", null,
            "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}")));
      }
      BigDecimal granted = BigDecimal.ZERO;
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        HttpResponse<String> response = future.get();
        statuses.add(response.statusCode());
        if (response.statusCode() == 201) {
          Map<?, ?> body = (Map<?, ?>) JsonParser.parse(response.body());
          granted = granted.add(new BigDecimal(body.get("gpu_count").toString()));
        }
      }
      assertThat(statuses.stream().collect(Collectors.toSet())).containsExactlyInAnyOrder(201, 409);
      assertThat(granted).isEqualByComparingTo("7");
    } finally {
      pool.shutdownNow();
    }
  }
}
