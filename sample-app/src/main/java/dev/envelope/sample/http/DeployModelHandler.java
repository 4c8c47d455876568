package dev.envelope.sample.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.envelope.sample.auth.AuthenticationException;
import dev.envelope.sample.auth.Principal;
import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.json.JsonParseException;
import dev.envelope.sample.json.JsonParser;
import dev.envelope.sample.serving.DeployModelRequest;
import dev.envelope.sample.serving.Deployment;
import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NoCapacityException;
import dev.envelope.sample.serving.NotPermittedException;
import dev.envelope.sample.serving.RequestContext;
import dev.envelope.sample.serving.SequentialIds;
import dev.envelope.sample.serving.ServingApi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /serving/deploy_model}. Everything that decides whether a request is admitted at all
 * happens here, in this order: authentication ({@code 401}), tenant ({@code 403}), body size
 * ({@code 413}), JSON syntax and field types ({@code 400}). Only then is {@link
 * ServingApi#deployModel} called, whose own refusals map to {@code 400}, {@code 403} and {@code
 * 409}.
 */
public final class DeployModelHandler implements HttpHandler {

  /** Largest accepted request body. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final int MAX_REQUEST_ID_LENGTH = 128;

  private final TokenAuthenticator authenticator;
  private final ServingApi api;
  private final SequentialIds requestIds = new SequentialIds("req-");

  /** Creates the handler; request ids are generated per handler so a fresh server starts at one. */
  public DeployModelHandler(TokenAuthenticator authenticator, ServingApi api) {
    this.authenticator = authenticator;
    this.api = api;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    String sentId = trimToNull(headers.getFirst("X-Request-Id"));
    boolean usable = sentId != null && isValidRequestId(sentId);
    String requestId = usable ? sentId : requestIds.next();
    exchange.getResponseHeaders().set("X-Request-Id", requestId);
    try {
      if (sentId != null && !usable) {
        throw new HttpFailure(400, "X-Request-Id must be 1 to " + MAX_REQUEST_ID_LENGTH
            + " visible ASCII characters");
      }
      Deployment deployment = admit(exchange, requestId);
      exchange.getResponseHeaders().set("Location", deployment.servePath());
      JsonResponses.send(exchange, 201, toJson(deployment));
    } catch (HttpFailure e) {
      JsonResponses.sendError(exchange, e.status(), e.getMessage());
    } catch (AuthenticationException e) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"envelope-sample\"");
      JsonResponses.sendError(exchange, 401, e.getMessage());
    } catch (InvalidRequestException e) {
      JsonResponses.sendError(exchange, 400, e.getMessage());
    } catch (NotPermittedException e) {
      JsonResponses.sendError(exchange, 403, e.getMessage());
    } catch (NoCapacityException e) {
      JsonResponses.sendError(exchange, 409, e.getMessage());
    }
  }

  private Deployment admit(HttpExchange exchange, String requestId) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    String authorization = headers.getFirst("Authorization");
    Principal principal = authenticator.authenticate(authorization);
    String tenant = trimToNull(headers.getFirst("X-Tenant"));
    if (tenant != null && !tenant.equals(principal.tenantId())) {
      throw new HttpFailure(403, "token is not valid for tenant '" + tenant + "'");
    }
    Map<String, Object> json = parseObject(RequestBodyReader.read(exchange, MAX_BODY_BYTES));
    DeployModelRequest body = DeployModelRequestBinder.bind(json);
    RequestContext ctx = new RequestContext(principal.urn(), principal.tenantId(), requestId,
        principal.role(), TokenAuthenticator.bearerToken(authorization));
    return api.deployModel(ctx, body,
        trimToNull(headers.getFirst("X-Workspace")),
        trimToNull(headers.getFirst("X-Audit-Level")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseObject(String text) {
    Object json;
    try {
      json = JsonParser.parse(text);
    } catch (JsonParseException e) {
      throw new HttpFailure(400, "malformed JSON: " + e.getMessage());
    }
    if (!(json instanceof Map)) {
      throw new HttpFailure(400, "request body must be a JSON object");
    }
    return (Map<String, Object>) json;
  }

  /** The answer's keys, in their documented order. */
  static Map<String, Object> toJson(Deployment deployment) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("deployment_id", deployment.deploymentId());
    json.put("serve_path", deployment.servePath());
    json.put("public_path", deployment.publicPath());
    json.put("node", deployment.node());
    json.put("gpu_count", deployment.gpuCount());
    json.put("engine", deployment.engine());
    return json;
  }

  private static boolean isValidRequestId(String id) {
    if (id.length() > MAX_REQUEST_ID_LENGTH) {
      return false;
    }
    return id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  private static String trimToNull(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
