package dev.envelope.sample.http;

import dev.envelope.sample.inference.Completion;
import dev.envelope.sample.inference.InferenceApi;
import dev.envelope.sample.inference.InferenceRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /inference/{deployment_id}}: binds the body ({@code 400} on bad JSON or types, before
 * admission), calls {@link InferenceApi#infer} and answers {@code 200} with the completion.
 */
final class InferenceEndpoint implements Endpoint {

  private final InferenceApi api;

  InferenceEndpoint(InferenceApi api) {
    this.api = api;
  }

  @Override
  public Reply handle(ApiCall call) throws IOException {
    InferenceRequest body = InferenceRequestBinder.bind(call.jsonObject());
    Completion completion = api.infer(call.context(), call.pathVariable("deployment_id"), body,
        call.workspace(), call.auditLevel());
    return Reply.of(200, toJson(completion));
  }

  /** The answer's keys, in their documented order. */
  static Map<String, Object> toJson(Completion completion) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("deployment_id", completion.deploymentId());
    json.put("replica_id", completion.replicaId());
    json.put("node", completion.node());
    json.put("max_output_len", completion.maxOutputLen());
    json.put("rate_limit_rps", completion.rateLimitRps());
    json.put("stream", completion.stream());
    json.put("output_len", completion.outputLen());
    json.put("text", completion.text());
    return json;
  }
}
