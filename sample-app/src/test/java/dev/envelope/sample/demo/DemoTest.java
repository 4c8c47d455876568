package dev.envelope.sample.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {

  /** The deploy lines as they were before the other kinds were added; they must never change. */
  private static final List<String> DEPLOY_LINES = List.of(
      "POST /serving/deploy_model  tenant=acme  asked gpu=1 engine=vllm -> 201 granted gpu=1"
          + " node=gpu-node-1 dep-000001",
      "POST /serving/deploy_model  tenant=acme  asked gpu=4 engine=vllm -> 201 granted gpu=2"
          + " node=gpu-node-1 dep-000002",
      "POST /serving/deploy_model  tenant=globex  asked gpu=1.5 engine=triton -> 201 granted"
          + " gpu=1.5 node=gpu-node-2 dep-000003",
      "POST /serving/deploy_model  tenant=acme  asked gpu=2 engine=triton -> 201 granted gpu=0.5"
          + " node=gpu-node-2 dep-000004",
      "POST /serving/deploy_model  tenant=acme  asked gpu=1 engine=tgi -> 201 granted gpu=1"
          + " node=gpu-node-3 dep-000005",
      "POST /serving/deploy_model  tenant=acme  asked gpu=2 engine=vllm -> 409"
          + " error=\"no vllm node in us-east has 0.5 GPU free\"",
      "POST /serving/deploy_model  tenant=acme  asked gpu=1 engine=sglang -> 400"
          + " error=\"unsupported engine 'sglang' (supported: tgi, triton, vllm)\"",
      "POST /serving/deploy_model  tenant=acme  asked (malformed JSON) -> 400"
          + " error=\"malformed JSON: unexpected end of input at offset 61\"",
      "POST /serving/deploy_model  tenant=acme  asked gpu=1 engine=vllm -> 401"
          + " error=\"missing bearer token\"",
      "POST /serving/deploy_model  tenant=globex  asked gpu=1 engine=vllm -> 403"
          + " error=\"token is not valid for tenant 'globex'\"");

  @Test
  void runsTheScriptAndPrintsOneLinePerRequestAndATotal() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = Demo.run(0, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(code).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(lines).hasSize(DemoScript.requests().size() + 1);
    assertThat(lines.get(0)).isEqualTo("POST /serving/deploy_model  tenant=acme  asked gpu=1"
        + " engine=vllm -> 201 granted gpu=1 node=gpu-node-1 dep-000001");
    assertThat(lines.get(1)).isEqualTo("POST /serving/deploy_model  tenant=acme  asked gpu=4"
        + " engine=vllm -> 201 granted gpu=2 node=gpu-node-1 dep-000002");
    assertThat(lines.get(7)).isEqualTo("POST /serving/deploy_model  tenant=acme"
        + "  asked (malformed JSON) -> 400 error=\"malformed JSON: unexpected end of input at offset 61\"");
    assertThat(lines.subList(0, DEPLOY_LINES.size())).containsExactlyElementsOf(DEPLOY_LINES);
    assertThat(lines.get(10)).isEqualTo("POST /inference/dep-000001  tenant=acme"
        + "  asked max_output_len=4096 stream=false -> 200 granted max_output_len=2048 stream=false"
        + " rate_limit_rps=20 replica=dep-000001-r1");
    assertThat(lines.get(12)).isEqualTo("POST /inference/dep-000099  tenant=acme"
        + "  asked max_output_len=- stream=- -> 404 error=\"no deployment 'dep-000099'\"");
    assertThat(lines.get(14)).isEqualTo("POST /evaluation/jobs  tenant=acme"
        + "  asked dataset=mmlu sample_count=5000 gpu=4 -> 202 granted sample_count=1000 gpu=2"
        + " queue=eval-large eval-000001");
    assertThat(lines.get(17)).isEqualTo("POST /data/transfers  tenant=acme"
        + "  asked bandwidth_mbps=2000 encrypt=false -> 202 granted bandwidth_mbps=500 encrypt=true"
        + " route=s3-gs-interconnect xfer-000001");
    assertThat(lines.get(22)).isEqualTo("DELETE /serving/deployments/dep-000002  tenant=acme"
        + "  asked force=true -> 200 released gpu=2 node=gpu-node-1 cancelled=[eval-000001]");
    assertThat(lines.get(23)).isEqualTo("POST /serving/deploy_model  tenant=globex"
        + "  asked gpu=3 engine=vllm -> 201 granted gpu=3 node=gpu-node-1 dep-000006");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("total 26 requests: 200 x3, 201 x6, 202 x4,"
        + " 400 x4, 401 x2, 403 x3, 404 x2, 409 x2; all as expected");
  }

  @Test
  void coversEveryNewKindWithAnAcceptedAndARefusedRequest() {
    List<DemoRequest> script = DemoScript.requests();
    for (String prefix : new String[] {"POST /inference/", "POST /evaluation/jobs",
        "POST /data/transfers", "DELETE /serving/deployments/"}) {
      List<Integer> statuses = script.stream()
          .filter(r -> (r.method() + " " + r.path()).startsWith(prefix))
          .map(DemoRequest::expectedStatus).toList();
      assertThat(statuses).as(prefix).anyMatch(s -> s >= 200 && s < 300);
      assertThat(statuses).as(prefix).anyMatch(s -> s >= 400);
    }
  }

  @Test
  void flagsAnswersThatAreNotAsExpected() {
    DemoRequest request = new DemoRequest("x", "demo-token", null, null, null,
        "{\"gpu_count\":0.5,\"engine\":\"tgi\"}", 201);
    DemoOutcome outcome = new DemoOutcome(request, 409, "{\"error\":\"full\"}");

    assertThat(DemoSummary.line(outcome)).isEqualTo("POST /serving/deploy_model  tenant=-"
        + "  asked gpu=0.5 engine=tgi -> 409 error=\"full\"  (expected 201)");
    assertThat(DemoSummary.total(List.of(outcome, new DemoOutcome(request, 201, "{}"))))
        .isEqualTo("total 2 requests: 201 x1, 409 x1; 1 not as expected");
  }
}
