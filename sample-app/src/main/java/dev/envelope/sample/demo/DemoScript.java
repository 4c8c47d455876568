package dev.envelope.sample.demo;

import dev.envelope.sample.http.SampleServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scripted request mix of {@code --demo}, in order. Statuses hold for a fresh server only:
 * the accepted requests use up the inventory that the later ones find exhausted, and the later
 * routes act on the deployments the first ones created.
 *
 * <p>Inventory at start: gpu-node-1 us-west 4 GPUs (vllm, tgi), gpu-node-2 us-west 2 GPUs (vllm,
 * triton), gpu-node-3 us-east 1 GPU (vllm, tgi, triton).
 */
public final class DemoScript {

  /** The fake source credential the transfers send; the agent must record it as redacted. */
  public static final String DEMO_SOURCE_CREDENTIAL = "demo-source-credential-not-a-secret";

  private DemoScript() {}

  /** The requests, in the order they must be sent. */
  public static List<DemoRequest> requests() {
    List<DemoRequest> requests = new ArrayList<>(deployments());
    requests.addAll(otherKinds());
    return List.copyOf(requests);
  }

  /** The original deploy mix, whose answers never change. */
  private static List<DemoRequest> deployments() {
    return List.of(
        new DemoRequest("accepted in full", "demo-token", "acme", "ws-7", "full",
            "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\",\"gpu_count\":1,\"cpu\":4,"
                + "\"memory_gb\":32,\"location\":\"us-west\",\"concurrency\":8,\"timeout_s\":30,"
                + "\"priority\":\"normal\"}",
            201),
        new DemoRequest("narrowed by the tenant_admin cap of 2", "demo-token", "acme", "ws-7", "full",
            "{\"model\":\"llama-3.1-70b-instruct\",\"engine\":\"vllm\",\"gpu_count\":4,"
                + "\"location\":\"us-west\",\"priority\":\"high\"}",
            201),
        new DemoRequest("fractional ask of a service account", "svc-token", "globex", "ws-batch",
            "standard",
            "{\"model\":\"whisper-large-v3\",\"engine\":\"triton\",\"gpu_count\":1.5,"
                + "\"location\":\"us-west\",\"priority\":\"low\"}",
            201),
        new DemoRequest("narrowed to a fraction: only 0.5 GPU left for triton in us-west",
            "demo-token", "acme", "ws-7", "full",
            "{\"model\":\"llama-guard-3-8b\",\"engine\":\"triton\",\"gpu_count\":2,"
                + "\"location\":\"us-west\"}",
            201),
        new DemoRequest("accepted, takes the last GPU in us-east", "bob-token", "acme", "ws-9", null,
            "{\"model\":\"mistral-7b-instruct\",\"engine\":\"tgi\",\"gpu_count\":1,"
                + "\"location\":\"us-east\"}",
            201),
        new DemoRequest("rejected: nothing left in us-east", "demo-token", "acme", "ws-7", "full",
            "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\",\"gpu_count\":2,"
                + "\"location\":\"us-east\"}",
            409),
        new DemoRequest("unsupported engine, refused inside admission", "demo-token", "acme",
            "ws-7", "full",
            "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"sglang\",\"gpu_count\":1}",
            400),
        new DemoRequest("malformed JSON, refused before admission", "demo-token", "acme", "ws-7",
            "full",
            "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\",\"gpu_count\":",
            400),
        new DemoRequest("no bearer token", null, "acme", "ws-7", "full",
            "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\",\"gpu_count\":1}",
            401),
        new DemoRequest("token of another tenant", "bob-token", "globex", "ws-7", "full",
            "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\",\"gpu_count\":1}",
            403));
  }

  /**
   * Inference, evaluation, data movement and maintenance, after the deploys above: dep-000001
   * (vllm, 1 GPU, acme), dep-000002 (vllm, 2 GPUs on gpu-node-1, acme), dep-000003 (triton,
   * globex), dep-000004 (triton, acme), dep-000005 (tgi, acme); gpu-node-1 has 1 GPU free.
   */
  private static List<DemoRequest> otherKinds() {
    String inference1 = SampleServer.expand(SampleServer.INFERENCE_PATH, "dep-000001");
    String inference2 = SampleServer.expand(SampleServer.INFERENCE_PATH, "dep-000002");
    String inference3 = SampleServer.expand(SampleServer.INFERENCE_PATH, "dep-000003");
    String inference4 = SampleServer.expand(SampleServer.INFERENCE_PATH, "dep-000004");
    String inference99 = SampleServer.expand(SampleServer.INFERENCE_PATH, "dep-000099");
    String delete1 = SampleServer.expand(SampleServer.DEPLOYMENT_PATH, "dep-000001");
    String delete2 = SampleServer.expand(SampleServer.DEPLOYMENT_PATH, "dep-000002");
    String delete3 = SampleServer.expand(SampleServer.DEPLOYMENT_PATH, "dep-000003");
    String jobs = SampleServer.EVALUATION_JOBS_PATH;
    String transfers = SampleServer.TRANSFERS_PATH;
    Map<String, String> credential = Map.of("X-Source-Credential", DEMO_SOURCE_CREDENTIAL);
    return List.of(
        alice("inference narrowed to the vllm output limit of 2048", "POST", inference1,
            "{\"prompt\":\"Summarize the execution envelope paper in one sentence.\","
                + "\"max_output_len\":4096,\"temperature\":0.2,\"stream\":false,"
                + "\"priority\":\"normal\"}",
            200),
        alice("inference on triton: streaming narrowed away", "POST", inference4,
            "{\"prompt\":\"Is this message safe to show?\",\"max_output_len\":256,\"stream\":true}",
            200),
        alice("inference against an unknown deployment, failed inside admission", "POST",
            inference99, "{\"prompt\":\"hello\"}", 404),
        alice("inference on another tenant's deployment, failed inside admission", "POST",
            inference3, "{\"prompt\":\"hello\"}", 403),
        alice("evaluation narrowed to the tenant_admin quota of 1000 samples and 2 GPUs", "POST",
            jobs,
            "{\"deployment_id\":\"dep-000002\",\"dataset\":\"mmlu\",\"metrics\":[\"accuracy\"],"
                + "\"sample_count\":5000,\"gpu_count\":4}",
            202),
        new DemoRequest("evaluation accepted in full for a member", "POST", jobs, "bob-token",
            "acme", "ws-9", null, Map.of(),
            "{\"deployment_id\":\"dep-000005\",\"dataset\":\"gsm8k\","
                + "\"metrics\":[\"exact_match\",\"accuracy\"],\"sample_count\":100,\"gpu_count\":1}",
            202),
        alice("evaluation on an unknown dataset, refused inside admission", "POST", jobs,
            "{\"deployment_id\":\"dep-000001\",\"dataset\":\"imagenet-21k\","
                + "\"metrics\":[\"accuracy\"]}",
            400),
        new DemoRequest("transfer out of the tenant: bandwidth capped to 500, encryption forced",
            "POST", transfers, "demo-token", "acme", "ws-7", "full", credential,
            "{\"source\":\"s3://acme-raw/corpus/2026/\",\"destination\":\"gs://partner-share/in/\","
                + "\"bytes\":500000000000,\"encrypt\":false,\"bandwidth_mbps\":2000,"
                + "\"chunk_size_mb\":128,\"checksum\":\"sha256\"}",
            202),
        new DemoRequest("transfer between a tenant's own buckets, accepted in full", "POST",
            transfers, "svc-token", "globex", "ws-batch", "standard", credential,
            "{\"source\":\"s3://globex-logs/2026/11/\","
                + "\"destination\":\"s3://globex-archive/2026/11/\",\"bytes\":20000000000,"
                + "\"encrypt\":true,\"bandwidth_mbps\":800}",
            202),
        new DemoRequest("transfer with malformed JSON, refused before admission", "POST",
            transfers, "demo-token", "acme", "ws-7", "full", credential,
            "{\"source\":\"s3://acme-raw/x\",\"bytes\":", 400),
        alice("delete another tenant's deployment, refused inside admission", "DELETE", delete3,
            null, 403),
        alice("delete with a queued evaluation job and no force, refused inside admission",
            "DELETE", delete2, null, 409),
        alice("forced delete frees 2 GPUs on gpu-node-1 and cancels the job", "DELETE",
            delete2 + "?force=true", null, 200),
        new DemoRequest("deploy that fits again after the delete: 3 GPUs on gpu-node-1",
            "svc-token", "globex", "ws-batch", "standard",
            "{\"model\":\"qwen2.5-32b-instruct\",\"engine\":\"vllm\",\"gpu_count\":3,"
                + "\"location\":\"us-west\"}",
            201),
        alice("inference on the deleted deployment, failed inside admission", "POST", inference2,
            "{\"prompt\":\"hello\"}", 404),
        new DemoRequest("delete without a bearer token, never admitted", "DELETE", delete1, null,
            "acme", "ws-7", "full", Map.of(), null, 401));
  }

  /** A request of alice, tenant admin of acme, in workspace ws-7 with full audit. */
  private static DemoRequest alice(String purpose, String method, String path, String body,
      int expectedStatus) {
    return new DemoRequest(purpose, method, path, "demo-token", "acme", "ws-7", "full", Map.of(),
        body, expectedStatus);
  }
}
