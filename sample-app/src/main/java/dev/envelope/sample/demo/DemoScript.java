package dev.envelope.sample.demo;

import java.util.List;

/**
 * The scripted request mix of {@code --demo}, in order. Statuses hold for a fresh server only:
 * the accepted requests use up the inventory that the later ones find exhausted.
 *
 * <p>Inventory at start: gpu-node-1 us-west 4 GPUs (vllm, tgi), gpu-node-2 us-west 2 GPUs (vllm,
 * triton), gpu-node-3 us-east 1 GPU (vllm, tgi, triton).
 */
public final class DemoScript {

  private DemoScript() {}

  /** The requests, in the order they must be sent. */
  public static List<DemoRequest> requests() {
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
}
