package dev.envelope.sample.serving;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.sample.registry.RegistrationRequest;
import dev.envelope.sample.registry.RegistryClient;
import dev.envelope.sample.registry.RegistryUnavailableException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The serving backend's main operation: deploy a model. This is where a request is admitted, so it
 * is annotated for the envelope agent; without the agent the annotations do nothing.
 *
 * <p>Authentication and JSON parsing happen before this method; everything about the meaning of
 * the request happens inside it, so a request that is refused here was still admitted.
 *
 * <p>With a {@link RegistryClient}, each placed deployment is also listed with the model registry
 * service before it is answered; the call happens inside the admission, so an attached agent
 * carries this envelope's trace and id to the registry.
 */
public class ServingApi {

  private final RequestValidator validator;
  private final NarrowingPolicy policy;
  private final Placement placement;
  private final DeploymentRegistry deployments;
  private final RegistryClient registry;
  private final SequentialIds deploymentIds = new SequentialIds("dep-");

  /** Creates the API from its collaborators, remembering deployments in a registry of its own. */
  public ServingApi(RequestValidator validator, NarrowingPolicy policy, Placement placement) {
    this(validator, policy, placement, new DeploymentRegistry());
  }

  /** Creates the API from its collaborators; every placed deployment is added to {@code deployments}. */
  public ServingApi(RequestValidator validator, NarrowingPolicy policy, Placement placement,
      DeploymentRegistry deployments) {
    this(validator, policy, placement, deployments, null);
  }

  /**
   * Creates the API from its collaborators; every placed deployment is added to {@code
   * deployments} and, unless {@code registry} is {@code null}, listed with the model registry.
   */
  public ServingApi(RequestValidator validator, NarrowingPolicy policy, Placement placement,
      DeploymentRegistry deployments, RegistryClient registry) {
    this.validator = validator;
    this.policy = policy;
    this.placement = placement;
    this.deployments = deployments;
    this.registry = registry;
  }

  /** A fresh API over the standard inventory, engines and policy, with nothing deployed yet. */
  public static ServingApi standard() {
    Inventory inventory = Inventory.standard();
    EngineCatalog engines = EngineCatalog.standard();
    return new ServingApi(
        new RequestValidator(engines, inventory.locations()),
        NarrowingPolicy.standard(),
        new Placement(inventory, engines));
  }

  /**
   * Validates, narrows and places a deployment.
   *
   * @param ctx the authenticated caller
   * @param body the ask, as sent
   * @param workspace the {@code X-Workspace} header, or {@code null}
   * @param audit the {@code X-Audit-Level} header, or {@code null}
   * @throws InvalidRequestException when the request is not acceptable ({@code 400})
   * @throws NotPermittedException when the caller's role may not deploy ({@code 403})
   * @throws NoCapacityException when nothing fits ({@code 409})
   * @throws RegistryUnavailableException when a registry is configured and did not list the
   *     deployment ({@code 502}); the GPUs placed are given back
   */
  @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "serving", operation = "deploy_model",
      result = {"deploymentId->deployment_id", "servePath->serve_path", "publicPath->public_path",
          "catalogId->catalog_id"})
  public Deployment deployModel(@Caller RequestContext ctx,
                                @Requested DeployModelRequest body,
                                @Scope("workspace_id") String workspace,
                                @Governance("audit_level") String audit) {
    validator.validate(body);
    BigDecimal capped = policy.cap(ctx.role(), body.gpuCount());
    Allocation allocation = placement.place(body, capped);
    String id = deploymentIds.next();
    String catalogId = registry == null ? null : register(id, ctx, body, allocation);
    deployments.add(new ActiveDeployment(id, ctx.tenantId(), body.model(), body.engine(),
        allocation.node(), allocation.gpuCount()));
    return new Deployment(
        id,
        "/serving/deployments/" + id,
        "/v1/models/" + pathSegment(body.model()) + "/" + id,
        allocation.node(),
        allocation.gpuCount(),
        allocation.engine(),
        catalogId);
  }

  private String register(String id, RequestContext ctx, DeployModelRequest body,
      Allocation allocation) {
    try {
      return registry.register(new RegistrationRequest(id, ctx.tenantId(), body.model(),
          body.engine(), allocation.node(), allocation.gpuCount()));
    } catch (RuntimeException e) {
      placement.undo(allocation);
      throw e;
    }
  }

  // Model names like "meta-llama/Llama-3.1-8B" must stay one path segment.
  private static String pathSegment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
