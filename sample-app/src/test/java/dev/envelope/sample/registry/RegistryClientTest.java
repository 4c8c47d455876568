package dev.envelope.sample.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {

  private static final RegistrationRequest REGISTRATION = new RegistrationRequest("dep-000001",
      "acme", "llama-3.1-8b-instruct", "vllm", "gpu-node-1", new BigDecimal("1.5"));

  private FakeRegistry fake;

  @BeforeEach
  void start() throws Exception {
    fake = FakeRegistry.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void postsTheRegistrationAsTheServingServiceAndReturnsTheCatalogId() {
    String catalogId = new RegistryClient(fake.baseUri()).register(REGISTRATION);

    assertThat(catalogId).isEqualTo("cat-000042");
    assertThat(fake.received()).hasSize(1);
    FakeRegistry.Received request = fake.received().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/registry/deployments");
    assertThat(request.header("Authorization")).isEqualTo("Bearer serving-token");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.body()).isEqualTo("{\"deployment_id\":\"dep-000001\",\"tenant_id\":\"acme\","
        + "\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\",\"node\":\"gpu-node-1\","
        + "\"gpu_count\":1.5}");
  }

  @Test
  void addsNoTracingHeadersOfItsOwn() {
    // Propagation is the agent's job; without it the request carries none.
    new RegistryClient(fake.baseUri()).register(REGISTRATION);

    assertThat(fake.received().get(0).headers())
        .doesNotContainKeys("traceparent", "tracestate", "baggage");
  }

  @Test
  void acceptsABaseUrlWithATrailingSlash() {
    URI base = URI.create(fake.baseUri() + "/");

    assertThat(new RegistryClient(base).deploymentsUri())
        .isEqualTo(URI.create(fake.baseUri() + "/registry/deployments"));
  }

  @Test
  void anyAnswerButCreatedMeansUnavailable() {
    fake.answer(409, "{\"error\":\"deployment 'dep-000001' is already registered\"}");

    assertThatThrownBy(() -> new RegistryClient(fake.baseUri()).register(REGISTRATION))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessage("registry unavailable: registry answered 409");
  }

  @Test
  void aCreatedAnswerWithoutCatalogIdMeansUnavailable() {
    fake.answer(201, "{\"deployment_id\":\"dep-000001\"}");
    assertThatThrownBy(() -> new RegistryClient(fake.baseUri()).register(REGISTRATION))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessage("registry unavailable: registry answered 201 without catalog_id");

    fake.answer(201, "<html>");
    assertThatThrownBy(() -> new RegistryClient(fake.baseUri()).register(REGISTRATION))
        .hasMessage("registry unavailable: registry answered 201 without JSON");
  }

  @Test
  void aClosedPortMeansUnavailableWithoutNamingIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() -> new RegistryClient(URI.create("http://127.0.0.1:" + port))
        .register(REGISTRATION))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessage("registry unavailable: cannot connect");
  }

  @Test
  void aRegistryThatDoesNotAnswerInTimeMeansUnavailable() {
    fake.hang();
    RegistryClient client = new RegistryClient(fake.baseUri(), RegistryClient.SERVING_TOKEN,
        Duration.ofMillis(300));

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.register(REGISTRATION))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessage("registry unavailable: timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void waitsFiveSecondsByDefault() {
    assertThat(RegistryClient.TIMEOUT).isEqualTo(Duration.ofSeconds(5));
  }
}
