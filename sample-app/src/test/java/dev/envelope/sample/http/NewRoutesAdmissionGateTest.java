package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.data.TransferRequest;
import dev.envelope.sample.data.TransferTuning;
import dev.envelope.sample.serving.RequestContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What is refused before admission never reaches the new admission methods: no token, an unknown
 * token, another tenant, a bad request id, a too large body, malformed JSON, wrong field types, a
 * bad query flag. What is refused for its meaning is refused inside them.
 */
class NewRoutesAdmissionGateTest {

  private final RecordingBackend recording = new RecordingBackend();
  private SampleServer server;

  @BeforeEach
  void start() throws Exception {
    server = SampleServer.start(0, TokenAuthenticator.demo(), recording.backend);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Method, path and a body that is well-formed and well-typed (or none). */
  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("POST", "/inference/dep-000001", "{\"prompt\":\"hi\"}"),
        Arguments.of("POST", "/evaluation/jobs",
            "{\"deployment_id\":\"dep-000001\",\"dataset\":\"mmlu\",\"metrics\":[\"accuracy\"]}"),
        Arguments.of("POST", "/data/transfers",
            "{\"source\":\"s3://acme-a/x\",\"destination\":\"s3://acme-b/x\",\"bytes\":1}"),
        Arguments.of("DELETE", "/serving/deployments/dep-000001", null));
  }

  @ParameterizedTest
  @MethodSource("routes")
  void authenticationAndTenantComeFirst(String method, String path, String body) throws Exception {
    HttpResponse<String> none = TestHttp.call(server, method, path, null, "acme", body);
    HttpResponse<String> unknown = TestHttp.call(server, method, path, "mallory-token", null, body);
    HttpResponse<String> scheme = TestHttp.send(TestHttp.request(server, path)
        .header("Authorization", "Basic ZGVtbw==")
        .method(method, HttpRequest.BodyPublishers.noBody()).build());
    HttpResponse<String> tenant = TestHttp.call(server, method, path, "bob-token", "globex",
        "{not json");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).isEqualTo("{\"error\":\"missing bearer token\"}");
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue(
        "Bearer realm=\"envelope-sample\"");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"invalid bearer token\"}");
    assertThat(scheme.statusCode()).isEqualTo(401);
    assertThat(tenant.statusCode()).isEqualTo(403);
    assertThat(tenant.body()).isEqualTo("{\"error\":\"token is not valid for tenant 'globex'\"}");
    assertThat(recording.admitted).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("routes")
  void aBadRequestIdIs400BeforeAnythingElse(String method, String path, String body)
      throws Exception {
    HttpResponse<String> response = TestHttp.call(server, method, path, null, null, body,
        "X-Request-Id", "x".repeat(129));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"error\":\"X-Request-Id must be");
    assertThat(recording.admitted).isEmpty();
  }

  @Test
  void malformedMistypedAndOversizedBodiesNeverReachAdmission() throws Exception {
    String[][] cases = {
        {"/inference/dep-000001", "{\"prompt\":", "400"},
        {"/inference/dep-000001", "[\"prompt\"]", "400"},
        {"/inference/dep-000001", "{\"prompt\":\"hi\",\"max_output_len\":\"many\"}", "400"},
        {"/inference/dep-000001", "{\"prompt\":\"" + "x".repeat(ApiCall.MAX_BODY_BYTES) + "\"}", "413"},
        {"/evaluation/jobs", "", "400"},
        {"/evaluation/jobs", "{\"metrics\":\"accuracy\"}", "400"},
        {"/data/transfers", "{\"source\":\"s3://acme-a/x\",\"bytes\":", "400"},
        {"/data/transfers", "{\"bytes\":\"1\"}", "400"},
        {"/data/transfers", "{\"parallel_streams\":true}", "400"}};
    for (String[] c : cases) {
      HttpResponse<String> response = TestHttp.call(server, "POST", c[0], "demo-token", "acme",
          c[1], "X-Source-Credential", "cred");
      assertThat(response.statusCode()).as(c[0] + " " + c[1]).isEqualTo(Integer.parseInt(c[2]));
      assertThat(response.body()).startsWith("{\"error\":\"");
    }
    HttpResponse<String> flag = TestHttp.call(server, "DELETE",
        "/serving/deployments/dep-000001?force=yes", "demo-token", "acme", null);
    assertThat(flag.statusCode()).isEqualTo(400);
    assertThat(flag.body()).isEqualTo("{\"error\":\"force must be true or false\"}");
    assertThat(recording.admitted).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("routes")
  void whatIsWrongInMeaningIsRefusedInsideAdmission(String method, String path, String body)
      throws Exception {
    // Nothing is deployed yet and no source credential is sent, so every route's request fails
    // inside its admission method.
    HttpResponse<String> response = TestHttp.call(server, method, path, "demo-token", "acme", body);

    assertThat(response.statusCode()).isIn(400, 403, 404);
    assertThat(recording.admitted).hasSize(1);
  }

  @Test
  void admissionGetsTheCallerTheHeadersAndTheSensitiveCredential() throws Exception {
    HttpResponse<String> response = TestHttp.call(server, "POST", "/data/transfers", "demo-token",
        "acme", "{\"source\":\"s3://acme-a/x\",\"destination\":\"s3://acme-b/x\",\"bytes\":1,"
            + "\"chunk_size_mb\":8}",
        "X-Source-Credential", " cred-1 ", "X-Workspace", "ws-7", "X-Audit-Level", "full",
        "X-Request-Id", "req-7");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(recording.admitted).containsExactly("transfer");
    assertThat(recording.callers.get(0)).isEqualTo(
        new RequestContext("urn:user:alice", "acme", "req-7", "tenant_admin", "demo-token"));
    assertThat(recording.arguments.get(0)).containsExactly("cred-1",
        new TransferRequest("s3://acme-a/x", "s3://acme-b/x", 1L, null, null),
        new TransferTuning(8, 4, "crc32c"), "ws-7", "full");
  }
}
