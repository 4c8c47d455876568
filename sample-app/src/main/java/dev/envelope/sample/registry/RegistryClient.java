package dev.envelope.sample.registry;

import dev.envelope.sample.json.JsonParseException;
import dev.envelope.sample.json.JsonParser;
import dev.envelope.sample.json.JsonWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The serving backend's side of the registry: {@code POST /registry/deployments} through the JDK's
 * {@code HttpClient}, as the {@code serving} service. It adds no tracing headers of its own; an
 * attached envelope agent adds W3C {@code traceparent} and {@code baggage} to every request sent
 * while an envelope is current.
 */
public final class RegistryClient {

  /** The path registrations are posted to, relative to the registry's base URL. */
  public static final String DEPLOYMENTS_PATH = "/registry/deployments";

  /** The serving backend's service token at the registry. */
  public static final String SERVING_TOKEN = "serving-token";

  /** How long connecting, and then the whole exchange, may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI deployments;
  private final String token;
  private final Duration timeout;
  private final HttpClient client;

  /** A client of the registry at {@code base} (e.g. {@code http://127.0.0.1:8081}). */
  public RegistryClient(URI base) {
    this(base, SERVING_TOKEN, TIMEOUT);
  }

  /** A client of the registry at {@code base} that presents {@code token} and waits {@code timeout}. */
  public RegistryClient(URI base, String token, Duration timeout) {
    this.deployments = resolve(Objects.requireNonNull(base, "base"));
    this.token = Objects.requireNonNull(token, "token");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
  }

  /** Where registrations go, e.g. {@code http://127.0.0.1:8081/registry/deployments}. */
  public URI deploymentsUri() {
    return deployments;
  }

  /**
   * Lists a placed deployment and returns its catalog id.
   *
   * @throws RegistryUnavailableException when the registry cannot be reached, times out, answers
   *     anything but {@code 201}, or answers {@code 201} without a catalog id
   */
  public String register(RegistrationRequest registration) {
    HttpRequest request = HttpRequest.newBuilder(deployments)
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JsonWriter.write(toJson(registration)),
            StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RegistryUnavailableException(describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted", e);
    }
    if (response.statusCode() != 201) {
      throw new RegistryUnavailableException("registry answered " + response.statusCode());
    }
    return catalogId(response.body());
  }

  /** The body sent: the registration's fields in snake case, in their documented order. */
  static Map<String, Object> toJson(RegistrationRequest registration) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("deployment_id", registration.deploymentId());
    json.put("tenant_id", registration.tenantId());
    json.put("model", registration.model());
    json.put("engine", registration.engine());
    json.put("node", registration.node());
    json.put("gpu_count", registration.gpuCount());
    return json;
  }

  private static String catalogId(String body) {
    Object json;
    try {
      json = JsonParser.parse(body);
    } catch (JsonParseException e) {
      throw new RegistryUnavailableException("registry answered 201 without JSON");
    }
    Object id = json instanceof Map ? ((Map<?, ?>) json).get("catalog_id") : null;
    if (!(id instanceof String) || ((String) id).isEmpty()) {
      throw new RegistryUnavailableException("registry answered 201 without catalog_id");
    }
    return (String) id;
  }

  // Said without host or port, so that an answer does not depend on where the registry runs.
  private static String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      return "cannot connect";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static URI resolve(URI base) {
    String text = base.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text + DEPLOYMENTS_PATH);
  }
}
