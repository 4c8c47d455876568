package dev.envelope.sample.registry;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Requested;
import dev.envelope.sample.serving.ConflictException;
import dev.envelope.sample.serving.InvalidRequestException;
import java.math.BigDecimal;

/**
 * The registry service's operation: list a deployment a serving backend has placed. Its own
 * admission, so with the agent in both processes the registry's envelope names the serving
 * envelope as its parent; the caller is always the service the bearer token stands for.
 */
public class ModelRegistry {

  private final Catalog catalog;

  /** Creates the registry over {@code catalog}. */
  public ModelRegistry(Catalog catalog) {
    this.catalog = catalog;
  }

  /** A fresh registry with an empty catalog. */
  public static ModelRegistry standard() {
    return new ModelRegistry(new Catalog());
  }

  /**
   * Checks and lists a deployment.
   *
   * @param caller the authenticated service
   * @param request the registration, as sent
   * @throws InvalidRequestException when a field is missing or not acceptable ({@code 400})
   * @throws ConflictException when the deployment is already registered ({@code 409})
   */
  @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "registry",
      operation = "register_deployment",
      result = {"catalogId->catalog_id", "deploymentId->deployment_id"})
  public Registration register(@Caller ServiceCaller caller,
                               @Requested RegistrationRequest request) {
    validate(request);
    // Check and enter under one lock, so two concurrent registrations of one id get one 409.
    synchronized (catalog) {
      if (catalog.find(request.deploymentId()).isPresent()) {
        throw new ConflictException("deployment '" + request.deploymentId()
            + "' is already registered");
      }
      CatalogEntry entry = catalog.enter(request);
      return new Registration(entry.catalogId(), request.deploymentId(), entry.replicas());
    }
  }

  private static void validate(RegistrationRequest request) {
    required(request.deploymentId(), "deployment_id");
    required(request.tenantId(), "tenant_id");
    required(request.model(), "model");
    required(request.engine(), "engine");
    required(request.node(), "node");
    BigDecimal gpus = request.gpuCount();
    if (gpus == null) {
      throw new InvalidRequestException("gpu_count is required");
    }
    if (gpus.signum() <= 0) {
      throw new InvalidRequestException("gpu_count must be positive");
    }
  }

  private static void required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field + " is required");
    }
  }
}
