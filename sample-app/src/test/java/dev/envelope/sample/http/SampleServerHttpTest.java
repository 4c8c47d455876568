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
      "{\"error\":\"token is not valid for tenant 'globex'\"}");

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
        .containsExactlyInAnyOrder(201, 400, 401, 403, 409);
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
        "/serving/deploy_modelx", "/serving/deployments/dep-000001"}) {
      HttpResponse<String> response = TestHttp.send(TestHttp.request(server, path)
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body()).isEqualTo("{\"error\":\"no such path: " + path + "\"}");
    }
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
