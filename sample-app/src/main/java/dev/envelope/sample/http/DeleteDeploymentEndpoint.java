package dev.envelope.sample.http;

import dev.envelope.sample.serving.DeletedDeployment;
import dev.envelope.sample.serving.DeploymentMaintenance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DELETE /serving/deployments/{deployment_id}[?force=true]}: reads the flag ({@code 400}
 * on a bad value, before admission), calls {@link DeploymentMaintenance#deleteDeployment} and
 * answers {@code 200} with what was released. A body, if any, is ignored.
 */
final class DeleteDeploymentEndpoint implements Endpoint {

  private final DeploymentMaintenance api;

  DeleteDeploymentEndpoint(DeploymentMaintenance api) {
    this.api = api;
  }

  @Override
  public Reply handle(ApiCall call) {
    boolean force = QueryFlags.flag(call.rawQuery(), "force");
    DeletedDeployment deleted = api.deleteDeployment(call.context(),
        call.pathVariable("deployment_id"), force, call.workspace(), call.auditLevel());
    return Reply.of(200, toJson(deleted));
  }

  /** The answer's keys, in their documented order. */
  static Map<String, Object> toJson(DeletedDeployment deleted) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("deployment_id", deleted.deploymentId());
    json.put("deleted", true);
    json.put("node", deleted.node());
    json.put("released_gpu_count", deleted.releasedGpuCount());
    json.put("cancelled_jobs", deleted.cancelledJobs());
    return json;
  }
}
