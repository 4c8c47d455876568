package dev.envelope.sample.registry;

import dev.envelope.annotations.Sensitive;

/**
 * The service that called the registry, as its bearer token established it. Nothing else a request
 * carries (headers, W3C baggage) ever contributes to who the caller is.
 *
 * @param requesterUrn the authenticated service, e.g. {@code urn:service:serving}
 * @param role the principal's role, {@code service} for the service tokens
 * @param requestId the caller's {@code X-Request-Id}, or one the registry generated
 * @param sessionToken the bearer token; marked sensitive so an envelope never records it
 */
public record ServiceCaller(
    String requesterUrn,
    String role,
    String requestId,
    @Sensitive String sessionToken) {

  /** Keeps the token out of logs and exception messages that print the caller. */
  @Override
  public String toString() {
    return "ServiceCaller[requesterUrn=" + requesterUrn + ", role=" + role
        + ", requestId=" + requestId + ", sessionToken=[REDACTED]]";
  }
}
