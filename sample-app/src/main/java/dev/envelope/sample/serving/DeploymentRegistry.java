package dev.envelope.sample.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployments that are running and the evaluation jobs queued against each. Deploy adds,
 * delete removes; inference and evaluation look deployments up on behalf of one tenant.
 *
 * <p>Callers that look up and then remove, or look up and then queue, must hold this object's
 * monitor across both steps.
 */
public final class DeploymentRegistry {

  private final Map<String, ActiveDeployment> byId = new LinkedHashMap<>();
  private final Map<String, List<String>> queuedJobsById = new LinkedHashMap<>();

  /**
   * Adds a newly placed deployment.
   *
   * @throws IllegalStateException if its id is already taken
   */
  public synchronized void add(ActiveDeployment deployment) {
    if (byId.putIfAbsent(deployment.deploymentId(), deployment) != null) {
      throw new IllegalStateException("duplicate deployment " + deployment.deploymentId());
    }
    queuedJobsById.put(deployment.deploymentId(), new ArrayList<>());
  }

  /**
   * The deployment {@code deploymentId}, provided {@code tenantId} owns it.
   *
   * @throws NotFoundException when there is no such deployment
   * @throws NotPermittedException when another tenant owns it
   */
  public synchronized ActiveDeployment require(String deploymentId, String tenantId) {
    ActiveDeployment deployment = deploymentId == null ? null : byId.get(deploymentId);
    if (deployment == null) {
      throw new NotFoundException("no deployment '" + deploymentId + "'");
    }
    if (!deployment.tenantId().equals(tenantId)) {
      throw new NotPermittedException("deployment '" + deploymentId
          + "' belongs to another tenant");
    }
    return deployment;
  }

  /** Records an evaluation job queued against an active deployment. */
  public synchronized void queueJob(String deploymentId, String jobId) {
    List<String> jobs = queuedJobsById.get(deploymentId);
    if (jobs == null) {
      throw new IllegalStateException("no deployment " + deploymentId);
    }
    jobs.add(jobId);
  }

  /** The evaluation jobs queued against {@code deploymentId}, oldest first. */
  public synchronized List<String> queuedJobs(String deploymentId) {
    return List.copyOf(queuedJobsById.getOrDefault(deploymentId, List.of()));
  }

  /**
   * Removes a deployment and its queued jobs.
   *
   * @return the jobs that were queued against it, oldest first
   * @throws IllegalStateException if there is no such deployment
   */
  public synchronized List<String> remove(String deploymentId) {
    if (byId.remove(deploymentId) == null) {
      throw new IllegalStateException("no deployment " + deploymentId);
    }
    return List.copyOf(queuedJobsById.remove(deploymentId));
  }
}
