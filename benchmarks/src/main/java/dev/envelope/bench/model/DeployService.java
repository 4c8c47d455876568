package dev.envelope.bench.model;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Requested;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * The measured method, one body for all three runs: the envelope annotations (read only by the
 * envelope agent) and OpenTelemetry's {@code @WithSpan} / {@code @SpanAttribute} on the same
 * parameters (read only by the OpenTelemetry Java agent). Without an agent both are inert, so the
 * three benchmark runs execute the same bytecode and differ only by the forked JVM's arguments.
 */
public class DeployService {

  private final Placer placer = new Placer();
  private long deployments;

  @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "bench", operation = "deploy_model",
      result = {"deploymentId->deployment_id"})
  @WithSpan
  public Deployment deployModel(@Caller @SpanAttribute("caller") CallerContext caller,
                                @Requested @SpanAttribute("requested") DeployRequest request) {
    Allocation allocation = placer.place(request);
    return new Deployment(deploymentId(++deployments), allocation.node(), allocation.gpuCount());
  }

  private static String deploymentId(long n) {
    return "dep-" + n;
  }

  /** The span name the OpenTelemetry agent gives {@link #deployModel}: {@code Class.method}. */
  public static final String OTEL_SPAN_NAME = "DeployService.deployModel";

  /** The span name the envelope agent gives {@link #deployModel}: {@code service.operation}. */
  public static final String ENVELOPE_SPAN_NAME = "bench.deploy_model";

  /** A fresh caller, as each benchmark uses it. */
  public static CallerContext sampleCaller() {
    return new CallerContext("urn:user:alice", "acme", "req-42", "tenant_admin");
  }

  /** A fresh request with nested resources, as each benchmark uses it. */
  public static DeployRequest sampleRequest() {
    return new DeployRequest("llama-3.1-70b-instruct", "vllm", new Resources(4, 16, 128),
        "us-west", "high");
  }
}
