package dev.envelope.sample.inference;

import dev.envelope.sample.serving.NotPermittedException;
import java.util.Map;

/** The request rate an inference caller is granted, by role. */
public final class RateLimitPolicy {

  private final Map<String, Integer> rpsByRole;

  /** Creates a policy from role to requests per second (copied). */
  public RateLimitPolicy(Map<String, Integer> rpsByRole) {
    this.rpsByRole = Map.copyOf(rpsByRole);
  }

  /** {@code tenant_admin} 20, {@code member} 5, {@code service} 50 requests per second. */
  public static RateLimitPolicy standard() {
    return new RateLimitPolicy(Map.of("tenant_admin", 20, "member", 5, "service", 50));
  }

  /**
   * The rate for {@code role}.
   *
   * @throws NotPermittedException for a role the policy does not know
   */
  public int rps(String role) {
    Integer rps = role == null ? null : rpsByRole.get(role);
    if (rps == null) {
      throw new NotPermittedException("role '" + role + "' may not call inference");
    }
    return rps;
  }
}
