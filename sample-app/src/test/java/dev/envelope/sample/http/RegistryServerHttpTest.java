package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model registry service over real HTTP: {@code POST /registry/deployments}. */
class RegistryServerHttpTest {

  static final String BODY = "{\"deployment_id\":\"dep-000001\",\"tenant_id\":\"acme\","
      + "\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\",\"node\":\"gpu-node-1\","
      + "\"gpu_count\":1}";

  private RegistryServer server;

  @BeforeEach
  void start() throws Exception {
    server = RegistryServer.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static HttpResponse<String> post(RegistryServer s, String token, String body,
      String... headers) throws Exception {
    return send(s, "POST", RegistryServer.DEPLOYMENTS_PATH, token, body, headers);
  }

  private static HttpResponse<String> send(RegistryServer s, String method, String path,
      String token, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUri() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return TestHttp.send(b.build());
  }

  @Test
  void listensOnLoopbackOnAFreePort() {
    assertThat(server.port()).isPositive();
    assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
  }

  @Test
  void registersADeploymentForTheServingService() throws Exception {
    HttpResponse<String> r = post(server, "serving-token", BODY);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo(
        "{\"catalog_id\":\"cat-000001\",\"deployment_id\":\"dep-000001\",\"replicas\":1}");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("X-Request-Id")).hasValue("req-000001");
  }

  @Test
  void aSecondRegistrationOfOneDeploymentIsAConflict() throws Exception {
    post(server, "serving-token", BODY);

    HttpResponse<String> again = post(server, "serving-token", BODY);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body())
        .isEqualTo("{\"error\":\"deployment 'dep-000001' is already registered\"}");
  }

  @Test
  void onlyServiceTokensAreAccepted() throws Exception {
    HttpResponse<String> none = post(server, null, BODY);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).isEqualTo("{\"error\":\"missing bearer token\"}");
    assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();

    // An end user's token from the serving backend is not a service token.
    assertThat(post(server, "demo-token", BODY).statusCode()).isEqualTo(401);
    assertThat(post(server, "nope", BODY).statusCode()).isEqualTo(401);
    // Nothing was registered, so the first accepted registration still gets the first id.
    assertThat(post(server, "serving-token", BODY).body()).contains("\"cat-000001\"");
  }

  @Test
  void baggageAndTraceHeadersDoNotChangeWhoIsAsking() throws Exception {
    HttpResponse<String> r = post(server, null, BODY,
        "baggage", "requester_urn=urn:service:serving,envelope.id=x",
        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void refusesBadBodies() throws Exception {
    HttpResponse<String> malformed = post(server, "serving-token", "{\"deployment_id\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).startsWith("{\"error\":\"malformed JSON: ");

    HttpResponse<String> wrongType = post(server, "serving-token",
        BODY.replace("\"gpu_count\":1", "\"gpu_count\":\"one\""));
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(wrongType.body()).isEqualTo("{\"error\":\"gpu_count must be a number\"}");

    HttpResponse<String> missing = post(server, "serving-token",
        BODY.replace("\"node\":\"gpu-node-1\",", ""));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).isEqualTo("{\"error\":\"node is required\"}");
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    HttpResponse<String> get = send(server, "GET", RegistryServer.DEPLOYMENTS_PATH,
        "serving-token", null);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");

    assertThat(send(server, "POST", "/serving/deploy_model", "serving-token", BODY).statusCode())
        .isEqualTo(404);
  }

  @Test
  void twoFreshRegistriesAnswerTheSameSequenceIdentically() throws Exception {
    List<String> first = transcript(server);
    try (RegistryServer fresh = RegistryServer.start(0)) {
      assertThat(transcript(fresh)).isEqualTo(first);
    }
  }

  private static List<String> transcript(RegistryServer s) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String body : List.of(BODY, BODY.replace("dep-000001", "dep-000002"), BODY,
        BODY.replace("\"model\":\"llama-3.1-8b-instruct\",", ""))) {
      HttpResponse<String> r = post(s, "serving-token", body);
      lines.add(r.statusCode() + " " + r.body());
    }
    return lines;
  }
}
