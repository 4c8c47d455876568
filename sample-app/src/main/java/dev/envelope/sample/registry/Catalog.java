package dev.envelope.sample.registry;

import dev.envelope.annotations.Grant;
import dev.envelope.sample.serving.SequentialIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The model catalog: one entry per registered deployment, ids {@code cat-000001}, {@code
 * cat-000002}, … in registration order, so a fresh registry answers alike.
 */
public final class Catalog {

  /** Replicas every entry starts with: one per placement. */
  public static final int REPLICAS = 1;

  private final SequentialIds catalogIds = new SequentialIds("cat-");
  private final Map<String, CatalogEntry> byDeploymentId = new LinkedHashMap<>();

  /**
   * Lists {@code request}'s deployment. The agent records the returned entry as the grant; {@code
   * catalog_id} describes resolution rather than a granted resource.
   *
   * @throws IllegalStateException if the deployment is already listed
   */
  @Grant(resolution = {"catalog_id"})
  public synchronized CatalogEntry enter(RegistrationRequest request) {
    if (byDeploymentId.containsKey(request.deploymentId())) {
      throw new IllegalStateException("deployment " + request.deploymentId() + " already listed");
    }
    CatalogEntry entry = new CatalogEntry(catalogIds.next(), REPLICAS);
    byDeploymentId.put(request.deploymentId(), entry);
    return entry;
  }

  /** The entry of {@code deploymentId}, if listed. */
  public synchronized Optional<CatalogEntry> find(String deploymentId) {
    return Optional.ofNullable(byDeploymentId.get(deploymentId));
  }
}
