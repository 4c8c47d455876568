package dev.envelope.sample.auth;

import java.util.Objects;

/**
 * Who a bearer token stands for.
 *
 * @param urn the requester's URN, e.g. {@code urn:user:alice}
 * @param role the role the narrowing policy keys on, e.g. {@code tenant_admin}
 * @param tenantId the only tenant this principal may act for
 */
public record Principal(String urn, String role, String tenantId) {

  /** Rejects missing parts: a principal is only ever built from the fixed token table. */
  public Principal {
    Objects.requireNonNull(urn, "urn");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(tenantId, "tenantId");
  }
}
