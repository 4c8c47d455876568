package dev.envelope.sample.inference;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.sample.serving.ActiveDeployment;
import dev.envelope.sample.serving.DeploymentRegistry;
import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NotFoundException;
import dev.envelope.sample.serving.NotPermittedException;
import dev.envelope.sample.serving.RequestContext;

/**
 * Inference against a running deployment. The model is simulated: it answers four characters per
 * prompt character, up to the granted budget, so answers are reproducible.
 */
public class InferenceApi {

  /** What the simulated model says. */
  public static final String SIMULATED_TEXT = "(simulated)";

  private static final int OUTPUT_PER_PROMPT_CHAR = 4;

  private final DeploymentRegistry deployments;
  private final InferenceValidator validator;
  private final EngineLimits limits;
  private final RateLimitPolicy rates;
  private final ReplicaRouter router;

  /** Creates the API from its collaborators. */
  public InferenceApi(DeploymentRegistry deployments, InferenceValidator validator,
      EngineLimits limits, RateLimitPolicy rates, ReplicaRouter router) {
    this.deployments = deployments;
    this.validator = validator;
    this.limits = limits;
    this.rates = rates;
    this.router = router;
  }

  /** The standard limits and policies over {@code deployments}. */
  public static InferenceApi standard(DeploymentRegistry deployments) {
    return new InferenceApi(deployments, new InferenceValidator(), EngineLimits.standard(),
        RateLimitPolicy.standard(), new ReplicaRouter());
  }

  /**
   * Validates, narrows and routes one inference call. The prompt text is deliberately not
   * selected for the envelope; its length is.
   *
   * @param ctx the authenticated caller
   * @param deploymentId the deployment, from the path
   * @param body the ask, as sent
   * @param workspace the {@code X-Workspace} header, or {@code null}
   * @param audit the {@code X-Audit-Level} header, or {@code null}
   * @throws InvalidRequestException when the request is not acceptable ({@code 400})
   * @throws NotFoundException when there is no such deployment ({@code 404})
   * @throws NotPermittedException when another tenant owns it, or the role may not call ({@code 403})
   */
  @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "inference", operation = "infer",
      result = {"outputLen->output_len"})
  public Completion infer(@Caller RequestContext ctx,
                          @Requested("deployment_id") String deploymentId,
                          @Requested(fields = {"promptChars", "maxOutputLen", "temperature",
                              "stream", "priority"}) InferenceRequest body,
                          @Scope("workspace_id") String workspace,
                          @Governance("audit_level") String audit) {
    validator.validate(body);
    ActiveDeployment deployment = deployments.require(deploymentId, ctx.tenantId());
    int asked = body.maxOutputLen() == null
        ? InferenceValidator.DEFAULT_MAX_OUTPUT_LEN : body.maxOutputLen();
    int maxOutputLen = limits.clampOutputLen(deployment.engine(), asked);
    boolean stream = limits.grantStreaming(deployment.engine(), Boolean.TRUE.equals(body.stream()));
    int rps = rates.rps(ctx.role());
    InferenceGrant grant = router.route(deployment, maxOutputLen, rps, stream);
    int outputLen = (int) Math.min(grant.maxOutputLen(),
        (long) body.promptChars() * OUTPUT_PER_PROMPT_CHAR);
    return new Completion(deploymentId, grant.replicaId(), grant.node(), grant.maxOutputLen(),
        grant.rateLimitRps(), grant.stream(), outputLen, SIMULATED_TEXT);
  }
}
