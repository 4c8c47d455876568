package dev.envelope.sample.serving;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Caps the GPUs a single deployment may get, by the caller's role. The cap narrows the ask before
 * placement; the original ask is left untouched in the request.
 */
public final class NarrowingPolicy {

  private final Map<String, BigDecimal> capByRole;

  /** Creates a policy from role to per-deployment GPU cap (copied). */
  public NarrowingPolicy(Map<String, BigDecimal> capByRole) {
    this.capByRole = Map.copyOf(capByRole);
  }

  /** {@code tenant_admin} 2, {@code member} 1, {@code service} 4 GPUs per deployment. */
  public static NarrowingPolicy standard() {
    return new NarrowingPolicy(Map.of(
        "tenant_admin", new BigDecimal("2"),
        "member", new BigDecimal("1"),
        "service", new BigDecimal("4")));
  }

  /**
   * Returns {@code asked}, lowered to the role's cap when above it.
   *
   * @throws NotPermittedException for a role the policy does not know: unknown roles get nothing
   *     rather than a guessed default
   */
  public BigDecimal cap(String role, BigDecimal asked) {
    BigDecimal cap = role == null ? null : capByRole.get(role);
    if (cap == null) {
      throw new NotPermittedException("role '" + role + "' may not deploy models");
    }
    return GpuAmounts.normalize(asked.min(cap));
  }
}
