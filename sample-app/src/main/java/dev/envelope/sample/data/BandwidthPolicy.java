package dev.envelope.sample.data;

import dev.envelope.sample.serving.NotPermittedException;
import java.util.Map;

/** Caps the bandwidth one transfer may use, by tenant. The cap narrows the ask; it never refuses. */
public final class BandwidthPolicy {

  private final Map<String, Integer> capByTenant;

  /** Creates a policy from tenant to per-transfer cap in Mbit/s (copied). */
  public BandwidthPolicy(Map<String, Integer> capByTenant) {
    this.capByTenant = Map.copyOf(capByTenant);
  }

  /** {@code acme} 500 Mbit/s, {@code globex} 2000 Mbit/s per transfer. */
  public static BandwidthPolicy standard() {
    return new BandwidthPolicy(Map.of("acme", 500, "globex", 2000));
  }

  /**
   * Returns {@code asked}, lowered to the tenant's cap when above it.
   *
   * @throws NotPermittedException for a tenant the policy does not know
   */
  public int cap(String tenantId, int asked) {
    Integer cap = tenantId == null ? null : capByTenant.get(tenantId);
    if (cap == null) {
      throw new NotPermittedException("tenant '" + tenantId + "' may not move data");
    }
    return Math.min(asked, cap);
  }
}
