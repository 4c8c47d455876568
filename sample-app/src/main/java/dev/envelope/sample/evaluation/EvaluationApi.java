package dev.envelope.sample.evaluation;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.sample.serving.DeploymentRegistry;
import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NotFoundException;
import dev.envelope.sample.serving.NotPermittedException;
import dev.envelope.sample.serving.RequestContext;

/**
 * Evaluation jobs against a running deployment. A queued job stays attached to its deployment, so
 * deleting that deployment needs {@code ?force=true} and cancels the job.
 */
public class EvaluationApi {

  /** The status of every accepted job. */
  public static final String QUEUED = "queued";

  private final DeploymentRegistry deployments;
  private final EvaluationValidator validator;
  private final EvaluationQuotaPolicy quotas;
  private final EvaluationScheduler scheduler;

  /** Creates the API from its collaborators. */
  public EvaluationApi(DeploymentRegistry deployments, EvaluationValidator validator,
      EvaluationQuotaPolicy quotas, EvaluationScheduler scheduler) {
    this.deployments = deployments;
    this.validator = validator;
    this.quotas = quotas;
    this.scheduler = scheduler;
  }

  /** The standard catalog and quotas over {@code deployments}. */
  public static EvaluationApi standard(DeploymentRegistry deployments) {
    return new EvaluationApi(deployments, new EvaluationValidator(DatasetCatalog.standard()),
        EvaluationQuotaPolicy.standard(), new EvaluationScheduler());
  }

  /**
   * Validates, narrows and queues an evaluation job.
   *
   * @param ctx the authenticated caller
   * @param body the ask, as sent
   * @param workspace the {@code X-Workspace} header, or {@code null}
   * @param audit the {@code X-Audit-Level} header, or {@code null}
   * @throws InvalidRequestException when the request is not acceptable ({@code 400})
   * @throws NotFoundException when there is no such deployment ({@code 404})
   * @throws NotPermittedException when another tenant owns it, or the role may not evaluate ({@code 403})
   */
  @ExecutionAdmission(kind = ExecutionKind.EVALUATION, service = "evaluation",
      operation = "submit_job", result = {"status"})
  public EvaluationJob submitJob(@Caller RequestContext ctx,
                                 @Requested EvaluationRequest body,
                                 @Scope("workspace_id") String workspace,
                                 @Governance("audit_level") String audit) {
    Dataset dataset = validator.validate(body);
    int samples = quotas.samples(ctx.role(), body.sampleCount(), dataset);
    int gpus = quotas.gpus(ctx.role(), body.gpuCount());
    JobTicket ticket;
    // Held from look-up to queueing so a concurrent delete cannot strand the job.
    synchronized (deployments) {
      deployments.require(body.deploymentId(), ctx.tenantId());
      ticket = scheduler.schedule(samples, gpus);
      deployments.queueJob(body.deploymentId(), ticket.jobId());
    }
    return new EvaluationJob(ticket.jobId(), QUEUED, body.deploymentId(), dataset.name(),
        body.metrics(), ticket.sampleCount(), ticket.gpuCount(), ticket.queue());
  }
}
