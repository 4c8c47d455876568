package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.serving.DeployModelRequest;
import dev.envelope.sample.serving.Deployment;
import dev.envelope.sample.serving.RequestContext;
import dev.envelope.sample.serving.ServingApi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A bug inside admission still gets an answer, and the server keeps serving. */
class GuardedHandlerTest {

  @Test
  void unexpectedExceptionsBecome500AndTheServerStaysUp() throws Exception {
    ServingApi broken = new ServingApi(null, null, null) {
      @Override
      public Deployment deployModel(RequestContext ctx, DeployModelRequest body, String workspace,
          String audit) {
        throw new IllegalStateException("simulated bug (expected in this test's output)");
      }
    };
    try (SampleServer server = SampleServer.start(0, TokenAuthenticator.demo(), broken)) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response = TestHttp.post(server, "demo-token", null,
            "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"internal server error\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      }
      HttpResponse<String> after = TestHttp.post(server, null, null, "{}");
      assertThat(after.statusCode()).isEqualTo(401);
    }
  }
}
