package dev.envelope.sample.http;

import dev.envelope.sample.data.BandwidthPolicy;
import dev.envelope.sample.data.EncryptionPolicy;
import dev.envelope.sample.data.LinkLedger;
import dev.envelope.sample.data.RoutePlanner;
import dev.envelope.sample.data.Transfer;
import dev.envelope.sample.data.TransferApi;
import dev.envelope.sample.data.TransferRequest;
import dev.envelope.sample.data.TransferTuning;
import dev.envelope.sample.data.TransferValidator;
import dev.envelope.sample.evaluation.DatasetCatalog;
import dev.envelope.sample.evaluation.EvaluationApi;
import dev.envelope.sample.evaluation.EvaluationJob;
import dev.envelope.sample.evaluation.EvaluationQuotaPolicy;
import dev.envelope.sample.evaluation.EvaluationRequest;
import dev.envelope.sample.evaluation.EvaluationScheduler;
import dev.envelope.sample.evaluation.EvaluationValidator;
import dev.envelope.sample.inference.Completion;
import dev.envelope.sample.inference.EngineLimits;
import dev.envelope.sample.inference.InferenceApi;
import dev.envelope.sample.inference.InferenceRequest;
import dev.envelope.sample.inference.InferenceValidator;
import dev.envelope.sample.inference.RateLimitPolicy;
import dev.envelope.sample.inference.ReplicaRouter;
import dev.envelope.sample.serving.Decommissioner;
import dev.envelope.sample.serving.DeletedDeployment;
import dev.envelope.sample.serving.DeploymentMaintenance;
import dev.envelope.sample.serving.DeploymentRegistry;
import dev.envelope.sample.serving.EngineCatalog;
import dev.envelope.sample.serving.Inventory;
import dev.envelope.sample.serving.NarrowingPolicy;
import dev.envelope.sample.serving.Placement;
import dev.envelope.sample.serving.RequestContext;
import dev.envelope.sample.serving.RequestValidator;
import dev.envelope.sample.serving.ServingApi;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A standard backend whose four new admission methods record each call (by operation name, with
 * its caller) before doing their real work.
 */
final class RecordingBackend {

  final List<String> admitted = new CopyOnWriteArrayList<>();
  final List<RequestContext> callers = new CopyOnWriteArrayList<>();
  final List<Object[]> arguments = new CopyOnWriteArrayList<>();
  final Backend backend;

  RecordingBackend() {
    Inventory inventory = Inventory.standard();
    EngineCatalog engines = EngineCatalog.standard();
    DeploymentRegistry deployments = new DeploymentRegistry();
    ServingApi serving = new ServingApi(new RequestValidator(engines, inventory.locations()),
        NarrowingPolicy.standard(), new Placement(inventory, engines), deployments);
    backend = new Backend(serving, maintenance(deployments, inventory), inference(deployments),
        evaluation(deployments), transfers());
  }

  private void record(String operation, RequestContext ctx, Object... args) {
    admitted.add(operation);
    callers.add(ctx);
    arguments.add(args);
  }

  private DeploymentMaintenance maintenance(DeploymentRegistry deployments, Inventory inventory) {
    return new DeploymentMaintenance(deployments, new Decommissioner(inventory)) {
      @Override
      public DeletedDeployment deleteDeployment(RequestContext ctx, String deploymentId,
          boolean force, String workspace, String audit) {
        record("delete_deployment", ctx, deploymentId, force, workspace, audit);
        return super.deleteDeployment(ctx, deploymentId, force, workspace, audit);
      }
    };
  }

  private InferenceApi inference(DeploymentRegistry deployments) {
    return new InferenceApi(deployments, new InferenceValidator(), EngineLimits.standard(),
        RateLimitPolicy.standard(), new ReplicaRouter()) {
      @Override
      public Completion infer(RequestContext ctx, String deploymentId, InferenceRequest body,
          String workspace, String audit) {
        record("infer", ctx, deploymentId, body, workspace, audit);
        return super.infer(ctx, deploymentId, body, workspace, audit);
      }
    };
  }

  private EvaluationApi evaluation(DeploymentRegistry deployments) {
    return new EvaluationApi(deployments, new EvaluationValidator(DatasetCatalog.standard()),
        EvaluationQuotaPolicy.standard(), new EvaluationScheduler()) {
      @Override
      public EvaluationJob submitJob(RequestContext ctx, EvaluationRequest body, String workspace,
          String audit) {
        record("submit_job", ctx, body, workspace, audit);
        return super.submitJob(ctx, body, workspace, audit);
      }
    };
  }

  private TransferApi transfers() {
    return new TransferApi(new TransferValidator(), BandwidthPolicy.standard(),
        new EncryptionPolicy(), new RoutePlanner(), new LinkLedger()) {
      @Override
      public Transfer transfer(RequestContext ctx, String sourceCredential, TransferRequest body,
          TransferTuning tuning, String workspace, String audit) {
        record("transfer", ctx, sourceCredential, body, tuning, workspace, audit);
        return super.transfer(ctx, sourceCredential, body, tuning, workspace, audit);
      }
    };
  }
}
