package dev.envelope.sample.serving;

import static dev.envelope.sample.serving.Requests.ask;
import static dev.envelope.sample.serving.Requests.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.annotations.Sensitive;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ServingApiTest {

  private final ServingApi api = ServingApi.standard();

  @Test
  void deploysAndNumbersDeploymentsFromOne() {
    Deployment first = api.deployModel(caller("tenant_admin"), ask("vllm", "1", "us-west"), "ws-7", "full");
    Deployment second = api.deployModel(caller("tenant_admin"), ask("tgi", "1", "us-east"), null, null);

    assertThat(first).isEqualTo(new Deployment("dep-000001", "/serving/deployments/dep-000001",
        "/v1/models/llama-3.1-8b-instruct/dep-000001", "gpu-node-1", new BigDecimal("1"), "vllm-0.6"));
    assertThat(second.deploymentId()).isEqualTo("dep-000002");
    assertThat(second.node()).isEqualTo("gpu-node-3");
  }

  @Test
  void capsTheAskByTheCallersRole() {
    assertThat(api.deployModel(caller("member"), ask("vllm", "4", null), null, null).gpuCount())
        .isEqualTo(new BigDecimal("1"));
    assertThat(api.deployModel(caller("tenant_admin"), ask("vllm", "4", null), null, null).gpuCount())
        .isEqualTo(new BigDecimal("2"));
  }

  @Test
  void keepsAModelNameOneSegmentOfThePublicPath() {
    DeployModelRequest request = new DeployModelRequest("meta-llama/Llama-3.1-8B:q4", "vllm",
        BigDecimal.ONE, null, null, null, null, null, null);

    assertThat(api.deployModel(caller("member"), request, null, null).publicPath())
        .isEqualTo("/v1/models/meta-llama%2FLlama-3.1-8B%3Aq4/dep-000001");
  }

  @Test
  void refusalsDoNotUseUpIdsOrCapacity() {
    assertThatThrownBy(() -> api.deployModel(caller("member"), ask("sglang", "1", null), null, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> api.deployModel(caller("guest"), ask("vllm", "1", null), null, null))
        .isInstanceOf(NotPermittedException.class);

    assertThat(api.deployModel(caller("service"), ask("vllm", "4", "us-west"), null, null))
        .extracting(Deployment::deploymentId, Deployment::gpuCount)
        .containsExactly("dep-000001", new BigDecimal("4"));
  }

  @Test
  void carriesTheAnnotationsTheAgentReads() throws NoSuchMethodException {
    Method deploy = ServingApi.class.getMethod("deployModel", RequestContext.class,
        DeployModelRequest.class, String.class, String.class);
    ExecutionAdmission admission = deploy.getAnnotation(ExecutionAdmission.class);
    assertThat(admission.kind()).isEqualTo(ExecutionKind.DEPLOYMENT);
    assertThat(admission.service()).isEqualTo("serving");
    assertThat(admission.operation()).isEqualTo("deploy_model");
    assertThat(admission.result()).containsExactly(
        "deploymentId->deployment_id", "servePath->serve_path", "publicPath->public_path",
        "catalogId->catalog_id");

    Parameter[] parameters = deploy.getParameters();
    assertThat(parameters[0].isAnnotationPresent(Caller.class)).isTrue();
    assertThat(parameters[1].isAnnotationPresent(Requested.class)).isTrue();
    assertThat(parameters[2].getAnnotation(Scope.class).value()).isEqualTo("workspace_id");
    assertThat(parameters[3].getAnnotation(Governance.class).value()).isEqualTo("audit_level");
    // -parameters keeps the names the agent falls back on.
    assertThat(parameters[2].getName()).isEqualTo("workspace");

    Method place = Placement.class.getMethod("place", DeployModelRequest.class, BigDecimal.class);
    assertThat(place.getAnnotation(Grant.class).resolution()).containsExactly("node", "backend");

    Method token = RequestContext.class.getMethod("sessionToken");
    assertThat(token.isAnnotationPresent(Sensitive.class)).isTrue();
  }

  @Test
  void neverPrintsTheSessionToken() {
    assertThat(caller("member").toString()).doesNotContain("secret-token").contains("[REDACTED]");
  }
}
