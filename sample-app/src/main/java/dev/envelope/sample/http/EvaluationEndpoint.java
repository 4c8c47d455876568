package dev.envelope.sample.http;

import dev.envelope.sample.evaluation.EvaluationApi;
import dev.envelope.sample.evaluation.EvaluationJob;
import dev.envelope.sample.evaluation.EvaluationRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /evaluation/jobs}: binds the body ({@code 400} on bad JSON or types, before
 * admission), calls {@link EvaluationApi#submitJob} and answers {@code 202} with the queued job.
 */
final class EvaluationEndpoint implements Endpoint {

  private final EvaluationApi api;

  EvaluationEndpoint(EvaluationApi api) {
    this.api = api;
  }

  @Override
  public Reply handle(ApiCall call) throws IOException {
    EvaluationRequest body = EvaluationRequestBinder.bind(call.jsonObject());
    EvaluationJob job = api.submitJob(call.context(), body, call.workspace(), call.auditLevel());
    return Reply.of(202, toJson(job));
  }

  /** The answer's keys, in their documented order. */
  static Map<String, Object> toJson(EvaluationJob job) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("job_id", job.jobId());
    json.put("status", job.status());
    json.put("deployment_id", job.deploymentId());
    json.put("dataset", job.dataset());
    json.put("metrics", job.metrics());
    json.put("sample_count", job.sampleCount());
    json.put("gpu_count", job.gpuCount());
    json.put("queue", job.queue());
    return json;
  }
}
