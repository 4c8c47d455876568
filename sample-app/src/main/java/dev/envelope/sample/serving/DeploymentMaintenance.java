package dev.envelope.sample.serving;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import java.util.List;

/**
 * Maintenance of running deployments: delete one and give its GPUs back. A deployment with
 * evaluation jobs still queued against it is only deleted when the caller forces it, which
 * cancels those jobs.
 */
public class DeploymentMaintenance {

  private final DeploymentRegistry deployments;
  private final Decommissioner decommissioner;

  /** Creates the maintenance API over {@code deployments}, freeing GPUs through {@code decommissioner}. */
  public DeploymentMaintenance(DeploymentRegistry deployments, Decommissioner decommissioner) {
    this.deployments = deployments;
    this.decommissioner = decommissioner;
  }

  /**
   * Deletes a deployment of the caller's tenant.
   *
   * @param ctx the authenticated caller
   * @param deploymentId the deployment to delete, from the path
   * @param force whether to delete even with evaluation jobs queued ({@code ?force=true})
   * @param workspace the {@code X-Workspace} header, or {@code null}
   * @param audit the {@code X-Audit-Level} header, or {@code null}
   * @throws NotFoundException when there is no such deployment ({@code 404})
   * @throws NotPermittedException when another tenant owns it ({@code 403})
   * @throws ConflictException when jobs are queued and {@code force} is false ({@code 409})
   */
  @ExecutionAdmission(kind = ExecutionKind.MAINTENANCE, service = "serving",
      operation = "delete_deployment", result = {"cancelledJobs->cancelled_jobs"})
  public DeletedDeployment deleteDeployment(@Caller RequestContext ctx,
                                            @Requested("deployment_id") String deploymentId,
                                            @Requested("force") boolean force,
                                            @Scope("workspace_id") String workspace,
                                            @Governance("audit_level") String audit) {
    ActiveDeployment deployment;
    List<String> cancelled;
    // Held across look-up and removal so two deletes of one deployment cannot both free its GPUs.
    synchronized (deployments) {
      deployment = deployments.require(deploymentId, ctx.tenantId());
      List<String> queued = deployments.queuedJobs(deploymentId);
      if (!queued.isEmpty() && !force) {
        throw new ConflictException("deployment '" + deploymentId + "' has " + queued.size()
            + " queued evaluation job" + (queued.size() == 1 ? "" : "s")
            + "; delete with ?force=true to cancel " + (queued.size() == 1 ? "it" : "them"));
      }
      cancelled = deployments.remove(deploymentId);
    }
    Release release = decommissioner.release(deployment);
    return new DeletedDeployment(deploymentId, release.node(), release.releasedGpuCount(), cancelled);
  }
}
