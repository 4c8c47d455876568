package dev.envelope.sample.evaluation;

import dev.envelope.sample.serving.NotPermittedException;
import java.util.Map;

/**
 * Caps what one evaluation job may use, by the caller's role. The caps narrow the ask; they never
 * refuse it.
 */
public final class EvaluationQuotaPolicy {

  /**
   * One role's caps per job.
   *
   * @param maxSamples most samples evaluated
   * @param maxGpus most GPUs for the workers
   */
  public record Quota(int maxSamples, int maxGpus) {}

  private final Map<String, Quota> byRole;

  /** Creates a policy from role to per-job quota (copied). */
  public EvaluationQuotaPolicy(Map<String, Quota> byRole) {
    this.byRole = Map.copyOf(byRole);
  }

  /** {@code tenant_admin} 1000 samples / 2 GPUs, {@code member} 200 / 1, {@code service} 5000 / 4. */
  public static EvaluationQuotaPolicy standard() {
    return new EvaluationQuotaPolicy(Map.of(
        "tenant_admin", new Quota(1000, 2),
        "member", new Quota(200, 1),
        "service", new Quota(5000, 4)));
  }

  /** The samples granted: the ask (or the whole dataset), lowered to the dataset and the role's cap. */
  public int samples(String role, Integer asked, Dataset dataset) {
    int wanted = asked == null ? dataset.samples() : Math.min(asked, dataset.samples());
    return Math.min(wanted, quota(role).maxSamples());
  }

  /** The GPUs granted: the ask (or 1), lowered to the role's cap. */
  public int gpus(String role, Integer asked) {
    return Math.min(asked == null ? 1 : asked, quota(role).maxGpus());
  }

  private Quota quota(String role) {
    Quota quota = role == null ? null : byRole.get(role);
    if (quota == null) {
      throw new NotPermittedException("role '" + role + "' may not run evaluations");
    }
    return quota;
  }
}
