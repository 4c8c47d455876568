package dev.envelope.sample.serving;

import dev.envelope.annotations.Sensitive;

/**
 * Who is asking, as established by authentication before admission.
 *
 * @param requesterUrn the authenticated principal, e.g. {@code urn:user:alice}
 * @param tenantId the principal's tenant
 * @param requestId the client's {@code X-Request-Id}, or one the server generated
 * @param role the principal's role, which the narrowing policy keys on
 * @param sessionToken the bearer token; marked sensitive so an envelope never records it
 */
public record RequestContext(
    String requesterUrn,
    String tenantId,
    String requestId,
    String role,
    @Sensitive String sessionToken) {

  /** Keeps the token out of logs and exception messages that print the context. */
  @Override
  public String toString() {
    return "RequestContext[requesterUrn=" + requesterUrn + ", tenantId=" + tenantId
        + ", requestId=" + requestId + ", role=" + role + ", sessionToken=[REDACTED]]";
  }
}
