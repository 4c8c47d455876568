package dev.envelope.sample.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {

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
    assertThat(lines.get(lines.size() - 1)).isEqualTo(
        "total 10 requests: 201 x5, 400 x2, 401 x1, 403 x1, 409 x1; all as expected");
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
