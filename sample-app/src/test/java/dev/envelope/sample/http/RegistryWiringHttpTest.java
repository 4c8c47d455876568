package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.sample.registry.FakeRegistry;
import dev.envelope.sample.registry.RegistryClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The serving backend started with a registry ({@code --registry}): every placed deployment is
 * listed there before it is answered, and a registry that does not list it fails the deploy with
 * {@code 502}, giving the GPUs back.
 */
class RegistryWiringHttpTest {

  private static final String ASK =
      "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\",\"gpu_count\":2,\"location\":\"us-west\"}";
  private static final String PLACED = "{\"deployment_id\":\"dep-000001\","
      + "\"serve_path\":\"/serving/deployments/dep-000001\","
      + "\"public_path\":\"/v1/models/llama-3.1-8b-instruct/dep-000001\","
      + "\"node\":\"gpu-node-1\",\"gpu_count\":2,\"engine\":\"vllm-0.6\"";

  private FakeRegistry fake;
  private SampleServer server;

  @BeforeEach
  void start() throws Exception {
    fake = FakeRegistry.start();
    server = SampleServer.start(0, new RegistryClient(fake.baseUri()));
  }

  @AfterEach
  void stop() {
    server.close();
    fake.close();
  }

  @Test
  void aPlacedDeploymentIsRegisteredAndAnsweredWithItsCatalogId() throws Exception {
    HttpResponse<String> r = TestHttp.deploy(server, ASK);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo(PLACED + ",\"catalog_id\":\"cat-000042\"}");
    assertThat(fake.received()).hasSize(1);
    FakeRegistry.Received registration = fake.received().get(0);
    assertThat(registration.path()).isEqualTo("/registry/deployments");
    assertThat(registration.header("Authorization")).isEqualTo("Bearer serving-token");
    assertThat(registration.body()).isEqualTo("{\"deployment_id\":\"dep-000001\","
        + "\"tenant_id\":\"acme\",\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\","
        + "\"node\":\"gpu-node-1\",\"gpu_count\":2}");
  }

  /** The application forwards nothing of the end user's; trace headers are the agent's business. */
  @Test
  void theApplicationForwardsNothingTheEndUserSent() throws Exception {
    TestHttp.call(server, "POST", SampleServer.DEPLOY_PATH, "demo-token", "acme", ASK,
        "baggage", "requester_urn=urn:user:mallory", "X-Request-Id", "req-mallory");

    FakeRegistry.Received registration = fake.received().get(0);
    assertThat(registration.header("Authorization")).isEqualTo("Bearer serving-token");
    assertThat(registration.headers()).doesNotContainKeys("baggage", "traceparent",
        "x-request-id", "x-tenant");
    assertThat(registration.headers().toString()).doesNotContain("mallory").doesNotContain("demo-token");
  }

  @Test
  void aRegistryRefusalFailsTheDeployWith502AndGivesTheGpusBack() throws Exception {
    fake.answer(500, "{\"error\":\"internal server error\"}");

    HttpResponse<String> refused = TestHttp.deploy(server, ASK);
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.body()).isEqualTo("{\"error\":\"registry unavailable: registry answered 500\"}");

    // Had the refused deploy kept its 2 GPUs, the third of these would find nothing free.
    fake.answer(201, "{\"catalog_id\":\"cat-000043\"}");
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> again = TestHttp.deploy(server, ASK);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
      placed.add(again.body().replaceAll(".*\"node\":\"([^\"]+)\",\"gpu_count\":([0-9.]+),.*",
          "$1 $2"));
    }
    assertThat(placed).containsExactly("gpu-node-1 2", "gpu-node-1 2", "gpu-node-2 2");
  }

  @Test
  void anUnreachableRegistryFailsTheDeployWith502() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    try (SampleServer orphan = SampleServer.start(0,
        new RegistryClient(URI.create("http://127.0.0.1:" + port)))) {
      HttpResponse<String> r = TestHttp.deploy(orphan, ASK);

      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.body()).isEqualTo("{\"error\":\"registry unavailable: cannot connect\"}");
    }
  }

  @Test
  void refusalsBeforePlacementNeverCallTheRegistry() throws Exception {
    assertThat(TestHttp.deploy(server, "{\"model\":\"m\",\"engine\":\"sglang\",\"gpu_count\":1}")
        .statusCode()).isEqualTo(400);
    assertThat(TestHttp.post(server, null, null, ASK).statusCode()).isEqualTo(401);
    assertThat(TestHttp.deploy(server,
        "{\"model\":\"m\",\"engine\":\"tgi\",\"gpu_count\":1,\"location\":\"eu-north\"}")
        .statusCode()).isEqualTo(400);

    assertThat(fake.received()).isEmpty();
  }

  @Test
  void withoutARegistryTheAnswerIsWhatItAlwaysWas() throws Exception {
    try (SampleServer plain = SampleServer.start(0, (RegistryClient) null);
        SampleServer standard = SampleServer.start(0)) {
      HttpResponse<String> r = TestHttp.deploy(plain, ASK);

      assertThat(r.body()).isEqualTo(PLACED + "}");
      assertThat(r.body()).isEqualTo(TestHttp.deploy(standard, ASK).body());
    }
  }

  @Test
  void worksWithTheRealRegistryService() throws Exception {
    try (RegistryServer registry = RegistryServer.start(0);
        SampleServer serving = SampleServer.start(0, new RegistryClient(registry.baseUri()))) {
      assertThat(TestHttp.deploy(serving, ASK).body())
          .isEqualTo(PLACED + ",\"catalog_id\":\"cat-000001\"}");
      assertThat(TestHttp.deploy(serving,
          "{\"model\":\"m\",\"engine\":\"triton\",\"gpu_count\":1}").body())
          .contains("\"deployment_id\":\"dep-000002\"")
          .endsWith(",\"catalog_id\":\"cat-000002\"}");
    }
  }
}
