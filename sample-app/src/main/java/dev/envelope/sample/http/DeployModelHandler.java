package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.serving.DeployModelRequest;
import dev.envelope.sample.serving.Deployment;
import dev.envelope.sample.serving.SequentialIds;
import dev.envelope.sample.serving.ServingApi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /serving/deploy_model}. {@link ApiHandler} authenticates ({@code 401}) and checks
 * the tenant ({@code 403}); this endpoint reads the body ({@code 413}, {@code 400} for JSON syntax
 * and field types) and only then calls {@link ServingApi#deployModel}, whose own refusals map to
 * {@code 400}, {@code 403}, {@code 409} and, when a registry is configured and did not list the
 * deployment, {@code 502}. Success is {@code 201} with a {@code Location}.
 */
public final class DeployModelHandler implements HttpHandler {

  /** Largest accepted request body. */
  public static final int MAX_BODY_BYTES = ApiCall.MAX_BODY_BYTES;

  private final HttpHandler frame;

  /** Creates the handler; request ids are generated per handler so a fresh server starts at one. */
  public DeployModelHandler(TokenAuthenticator authenticator, ServingApi api) {
    this(authenticator, api, new SequentialIds("req-"));
  }

  /** Creates the handler drawing generated request ids from {@code requestIds}. */
  DeployModelHandler(TokenAuthenticator authenticator, ServingApi api, SequentialIds requestIds) {
    this.frame = new ApiHandler(authenticator, requestIds, call -> deploy(api, call));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    frame.handle(exchange);
  }

  private static Reply deploy(ServingApi api, ApiCall call) throws IOException {
    DeployModelRequest body = DeployModelRequestBinder.bind(call.jsonObject());
    Deployment deployment = api.deployModel(call.context(), body, call.workspace(),
        call.auditLevel());
    return new Reply(201, toJson(deployment), Map.of("Location", deployment.servePath()));
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
    // Only with a registry: without one the answer stays exactly what it always was.
    if (deployment.catalogId() != null) {
      json.put("catalog_id", deployment.catalogId());
    }
    return json;
  }
}
