package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InferenceHttpTest {

  private SampleServer server;

  @BeforeEach
  void start() throws Exception {
    server = SampleServer.start(0);
    // dep-000001: vllm, 2 GPUs (4 replicas) for acme; dep-000002: triton, 0.5 GPU, for globex.
    assertThat(TestHttp.deploy(server, "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":2}")
        .statusCode()).isEqualTo(201);
    assertThat(TestHttp.post(server, "svc-token", null,
        "{\"model\":\"w\",\"engine\":\"triton\",\"gpu_count\":0.5}").statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> infer(String token, String deployment, String body) throws Exception {
    return TestHttp.call(server, "POST", "/inference/" + deployment, token, null, body);
  }

  @Test
  void answers200WithANarrowedSimulatedCompletion() throws Exception {
    HttpResponse<String> response = infer("demo-token", "dep-000001",
        "{\"prompt\":\"Summarize this.\",\"max_output_len\":4096,\"temperature\":0.2,"
            + "\"stream\":true,\"priority\":\"high\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"deployment_id\":\"dep-000001\","
        + "\"replica_id\":\"dep-000001-r1\",\"node\":\"gpu-node-1\",\"max_output_len\":2048,"
        + "\"rate_limit_rps\":20,\"stream\":true,\"output_len\":60,\"text\":\"(simulated)\"}");
  }

  @Test
  void spreadsCallsOverTheReplicasAndGrantsTheMembersRate() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      bodies.add(infer("bob-token", "dep-000001", "{\"prompt\":\"hi\"}").body());
    }

    assertThat(bodies).allMatch(b -> b.contains("\"rate_limit_rps\":5")
        && b.contains("\"max_output_len\":256") && b.contains("\"output_len\":8"));
    assertThat(bodies.get(0)).contains("\"replica_id\":\"dep-000001-r1\"");
    assertThat(bodies.get(3)).contains("\"replica_id\":\"dep-000001-r4\"");
    assertThat(bodies.get(4)).contains("\"replica_id\":\"dep-000001-r1\"");
  }

  @Test
  void refusesUnknownForeignAndInvalidRequests() throws Exception {
    HttpResponse<String> unknown = infer("demo-token", "dep-000009", "{\"prompt\":\"hi\"}");
    HttpResponse<String> foreign = infer("demo-token", "dep-000002", "{\"prompt\":\"hi\"}");
    HttpResponse<String> empty = infer("demo-token", "dep-000001", "{\"prompt\":\"\"}");
    HttpResponse<String> huge = infer("demo-token", "dep-000001",
        "{\"prompt\":\"hi\",\"max_output_len\":200000}");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"no deployment 'dep-000009'\"}");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body())
        .isEqualTo("{\"error\":\"deployment 'dep-000002' belongs to another tenant\"}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).isEqualTo("{\"error\":\"prompt is required\"}");
    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(huge.body()).isEqualTo("{\"error\":\"max_output_len must be from 1 to 131072\"}");
  }

  @Test
  void twoFreshServersAnswerTheSameSequenceIdentically() throws Exception {
    List<String> first = transcript(server);
    try (SampleServer fresh = SampleServer.start(0)) {
      TestHttp.deploy(fresh, "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":2}");
      TestHttp.post(fresh, "svc-token", null,
          "{\"model\":\"w\",\"engine\":\"triton\",\"gpu_count\":0.5}");

      assertThat(transcript(fresh)).isEqualTo(first);
    }
  }

  private static List<String> transcript(SampleServer s) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String[] step : new String[][] {
        {"demo-token", "dep-000001", "{\"prompt\":\"a\",\"max_output_len\":9999}"},
        {"bob-token", "dep-000001", "{\"prompt\":\"bb\",\"stream\":true}"},
        {"svc-token", "dep-000002", "{\"prompt\":\"ccc\",\"stream\":true}"},
        {"demo-token", "dep-000002", "{\"prompt\":\"d\"}"},
        {"demo-token", "dep-000042", "{\"prompt\":\"e\"}"}}) {
      HttpResponse<String> r = TestHttp.call(s, "POST", "/inference/" + step[1], step[0], null,
          step[2]);
      lines.add(r.statusCode() + " " + r.body());
    }
    return lines;
  }
}
