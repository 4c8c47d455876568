package dev.envelope.sample.demo;

import dev.envelope.sample.http.SampleServer;
import java.util.Map;

/**
 * One scripted request and the status it should get from a fresh server after the requests
 * before it.
 *
 * @param purpose what the request shows, e.g. {@code "narrowed by the role cap"}
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the path and query, e.g. {@code /serving/deployments/dep-000002?force=true}
 * @param token the bearer token, or {@code null} to send no {@code Authorization} header
 * @param tenant the {@code X-Tenant} header, or {@code null}
 * @param workspace the {@code X-Workspace} header, or {@code null}
 * @param auditLevel the {@code X-Audit-Level} header, or {@code null}
 * @param headers further headers, e.g. {@code X-Source-Credential}
 * @param body the request body, sent as is (it may be deliberately malformed), or {@code null}
 *     for none
 * @param expectedStatus the HTTP status a fresh server answers at this point of the script
 */
public record DemoRequest(
    String purpose,
    String method,
    String path,
    String token,
    String tenant,
    String workspace,
    String auditLevel,
    Map<String, String> headers,
    String body,
    int expectedStatus) {

  /** Copies the extra headers so a scripted request never changes. */
  public DemoRequest {
    headers = Map.copyOf(headers);
  }

  /** A {@code POST /serving/deploy_model} with no further headers. */
  public DemoRequest(String purpose, String token, String tenant, String workspace,
      String auditLevel, String body, int expectedStatus) {
    this(purpose, "POST", SampleServer.DEPLOY_PATH, token, tenant, workspace, auditLevel, Map.of(),
        body, expectedStatus);
  }

  /** The path without its query, e.g. {@code /serving/deployments/dep-000002}. */
  public String pathOnly() {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** The raw query, or {@code null}. */
  public String query() {
    int query = path.indexOf('?');
    return query < 0 ? null : path.substring(query + 1);
  }
}
