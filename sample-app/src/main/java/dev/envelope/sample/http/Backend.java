package dev.envelope.sample.http;

import dev.envelope.sample.data.TransferApi;
import dev.envelope.sample.evaluation.EvaluationApi;
import dev.envelope.sample.inference.InferenceApi;
import dev.envelope.sample.registry.RegistryClient;
import dev.envelope.sample.serving.Decommissioner;
import dev.envelope.sample.serving.DeploymentMaintenance;
import dev.envelope.sample.serving.DeploymentRegistry;
import dev.envelope.sample.serving.EngineCatalog;
import dev.envelope.sample.serving.Inventory;
import dev.envelope.sample.serving.NarrowingPolicy;
import dev.envelope.sample.serving.Placement;
import dev.envelope.sample.serving.RequestValidator;
import dev.envelope.sample.serving.ServingApi;

/**
 * The admission APIs one server serves, wired to share state: deploy adds to the deployment
 * registry and takes GPUs from the inventory, delete gives them back, inference and evaluation
 * look deployments up.
 *
 * @param serving {@code POST /serving/deploy_model}
 * @param maintenance {@code DELETE /serving/deployments/{id}}
 * @param inference {@code POST /inference/{deployment_id}}
 * @param evaluation {@code POST /evaluation/jobs}
 * @param transfers {@code POST /data/transfers}
 */
public record Backend(
    ServingApi serving,
    DeploymentMaintenance maintenance,
    InferenceApi inference,
    EvaluationApi evaluation,
    TransferApi transfers) {

  /** A fresh backend over the standard inventory, catalogs and policies, with nothing deployed. */
  public static Backend standard() {
    return standard(null);
  }

  /**
   * A fresh standard backend whose deploys are also listed with the model registry through {@code
   * registry}; {@code null} means no registry, as {@link #standard()}.
   */
  public static Backend standard(RegistryClient registry) {
    Inventory inventory = Inventory.standard();
    EngineCatalog engines = EngineCatalog.standard();
    DeploymentRegistry deployments = new DeploymentRegistry();
    ServingApi serving = new ServingApi(
        new RequestValidator(engines, inventory.locations()),
        NarrowingPolicy.standard(),
        new Placement(inventory, engines),
        deployments,
        registry);
    return new Backend(
        serving,
        new DeploymentMaintenance(deployments, new Decommissioner(inventory)),
        InferenceApi.standard(deployments),
        EvaluationApi.standard(deployments),
        TransferApi.standard());
  }

  /**
   * This backend with {@code serving} answering deploys instead. The other APIs keep this
   * backend's registry and inventory, which deployments made through {@code serving} do not
   * reach unless it was built over them; meant for tests of the deploy endpoint alone.
   */
  public Backend withServing(ServingApi serving) {
    return new Backend(serving, maintenance, inference, evaluation, transfers);
  }
}
