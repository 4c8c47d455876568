package dev.envelope.sample.demo;

/**
 * One scripted {@code POST /serving/deploy_model} and the status it should get from a fresh
 * server after the requests before it.
 *
 * @param purpose what the request shows, e.g. {@code "narrowed by the role cap"}
 * @param token the bearer token, or {@code null} to send no {@code Authorization} header
 * @param tenant the {@code X-Tenant} header, or {@code null}
 * @param workspace the {@code X-Workspace} header, or {@code null}
 * @param auditLevel the {@code X-Audit-Level} header, or {@code null}
 * @param body the request body, sent as is (it may be deliberately malformed)
 * @param expectedStatus the HTTP status a fresh server answers at this point of the script
 */
public record DemoRequest(
    String purpose,
    String token,
    String tenant,
    String workspace,
    String auditLevel,
    String body,
    int expectedStatus) {}
