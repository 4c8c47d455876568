package dev.envelope.sample.http;

import dev.envelope.sample.registry.ModelRegistry;
import dev.envelope.sample.registry.Registration;
import dev.envelope.sample.registry.RegistrationRequest;
import dev.envelope.sample.registry.ServiceCaller;
import dev.envelope.sample.serving.RequestContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /registry/deployments}: after {@link ApiHandler} has authenticated the calling
 * service, binds the body and calls {@link ModelRegistry#register}. The caller passed to admission
 * is built from the token alone. Success is {@code 201}.
 */
final class RegisterDeploymentEndpoint implements Endpoint {

  private final ModelRegistry registry;

  RegisterDeploymentEndpoint(ModelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Reply handle(ApiCall call) throws IOException {
    RegistrationRequest request = RegistrationRequestBinder.bind(call.jsonObject());
    Registration registration = registry.register(caller(call.context()), request);
    return Reply.of(201, toJson(registration));
  }

  private static ServiceCaller caller(RequestContext context) {
    return new ServiceCaller(context.requesterUrn(), context.role(), context.requestId(),
        context.sessionToken());
  }

  /** The answer's keys, in their documented order. */
  static Map<String, Object> toJson(Registration registration) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("catalog_id", registration.catalogId());
    json.put("deployment_id", registration.deploymentId());
    json.put("replicas", registration.replicas());
    return json;
  }
}
