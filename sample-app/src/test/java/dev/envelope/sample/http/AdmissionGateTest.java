package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.serving.DeployModelRequest;
import dev.envelope.sample.serving.Deployment;
import dev.envelope.sample.serving.EngineCatalog;
import dev.envelope.sample.serving.Inventory;
import dev.envelope.sample.serving.NarrowingPolicy;
import dev.envelope.sample.serving.Placement;
import dev.envelope.sample.serving.RequestContext;
import dev.envelope.sample.serving.RequestValidator;
import dev.envelope.sample.serving.ServingApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is refused before admission never reaches {@link ServingApi#deployModel}. */
class AdmissionGateTest {

  private static final String GOOD = "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}";

  /** Records every admission call, then behaves like the real API. */
  static final class RecordingApi extends ServingApi {
    final List<Object[]> calls = new ArrayList<>();

    RecordingApi() {
      this(Inventory.standard(), EngineCatalog.standard());
    }

    private RecordingApi(Inventory inventory, EngineCatalog engines) {
      super(new RequestValidator(engines, inventory.locations()), NarrowingPolicy.standard(),
          new Placement(inventory, engines));
    }

    @Override
    public synchronized Deployment deployModel(RequestContext ctx, DeployModelRequest body,
        String workspace, String audit) {
      calls.add(new Object[] {ctx, body, workspace, audit});
      return super.deployModel(ctx, body, workspace, audit);
    }
  }

  private final RecordingApi api = new RecordingApi();
  private SampleServer server;

  @BeforeEach
  void start() throws Exception {
    server = SampleServer.start(0, TokenAuthenticator.demo(), api);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void missingTokenIs401AndNeverAdmitted() throws Exception {
    HttpResponse<String> response = TestHttp.post(server, null, "acme", GOOD);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"missing bearer token\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer"));
    assertThat(api.calls).isEmpty();
  }

  @Test
  void unknownTokenIs401AndNeverAdmitted() throws Exception {
    HttpResponse<String> response = TestHttp.post(server, "mallory-token", null, GOOD);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid bearer token\"}");
    assertThat(api.calls).isEmpty();
  }

  @Test
  void authenticationComesBeforeTheBodyIsLookedAt() throws Exception {
    assertThat(TestHttp.post(server, null, null, "{not json").statusCode()).isEqualTo(401);
    assertThat(TestHttp.post(server, "bob-token", "globex", "{not json").statusCode()).isEqualTo(403);
    assertThat(TestHttp.post(server, null, null, "x".repeat(DeployModelHandler.MAX_BODY_BYTES + 1))
        .statusCode()).isEqualTo(401);
    assertThat(api.calls).isEmpty();
  }

  @Test
  void tenantMismatchIs403AndNeverAdmitted() throws Exception {
    HttpResponse<String> response = TestHttp.post(server, "svc-token", "acme", GOOD);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"error\":\"token is not valid for tenant 'acme'\"}");
    assertThat(api.calls).isEmpty();
  }

  @Test
  void malformedOrMistypedBodiesAre400AndNeverAdmitted() throws Exception {
    String[] bodies = {"", "{\"model\":", "[1,2]", "null", "{\"a\":1} trailing",
        "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":\"one\"}"};
    for (String body : bodies) {
      HttpResponse<String> response = TestHttp.post(server, "demo-token", "acme", body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.body()).as(body).startsWith("{\"error\":\"");
    }
    assertThat(api.calls).isEmpty();
  }

  @Test
  void invalidUtf8Is400AndNeverAdmitted() throws Exception {
    byte[] body = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    HttpResponse<String> response = TestHttp.send(TestHttp.request(server, SampleServer.DEPLOY_PATH)
        .header("Authorization", "Bearer demo-token")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":\"request body is not valid UTF-8\"}");
    assertThat(api.calls).isEmpty();
  }

  @Test
  void oversizedBodyIs413AndNeverAdmitted() throws Exception {
    String body = "{\"model\":\"" + "x".repeat(DeployModelHandler.MAX_BODY_BYTES) + "\"}";

    HttpResponse<String> response = TestHttp.post(server, "demo-token", "acme", body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(api.calls).isEmpty();
  }

  @Test
  void semanticErrorsAreRefusedInsideAdmission() throws Exception {
    HttpResponse<String> response = TestHttp.post(server, "demo-token", "acme",
        "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":0}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":\"gpu_count must be greater than 0\"}");
    assertThat(api.calls).hasSize(1);
  }

  @Test
  void admissionGetsTheAuthenticatedCallerAndTheHeaders() throws Exception {
    HttpResponse<String> response = TestHttp.send(TestHttp.request(server, SampleServer.DEPLOY_PATH)
        .header("Authorization", "Bearer demo-token")
        .header("X-Tenant", "acme")
        .header("X-Workspace", "ws-7")
        .header("X-Audit-Level", "full")
        .header("X-Request-Id", "req-42")
        .POST(HttpRequest.BodyPublishers.ofString(GOOD)).build());
    HttpResponse<String> second = TestHttp.post(server, "bob-token", null, GOOD);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-42");
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(api.calls).hasSize(2);
    assertThat(api.calls.get(0)[0]).isEqualTo(
        new RequestContext("urn:user:alice", "acme", "req-42", "tenant_admin", "demo-token"));
    assertThat(api.calls.get(0)[2]).isEqualTo("ws-7");
    assertThat(api.calls.get(0)[3]).isEqualTo("full");
    assertThat(api.calls.get(1)[0]).isEqualTo(
        new RequestContext("urn:user:bob", "acme", "req-000001", "member", "bob-token"));
    assertThat(api.calls.get(1)[2]).isNull();
    assertThat(api.calls.get(1)[3]).isNull();
  }
}
