package dev.envelope.bench.shapes;

import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Requested;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One admission per argument shape, each with an empty body: under the envelope agent what is
 * measured is the admission with that argument captured into {@code requested.*} (no grant).
 */
public class ShapeService {

  private int admissions;

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "bench", operation = "scalar")
  public int scalar(@Requested("gpu_count") int gpuCount) {
    return ++admissions;
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "bench", operation = "record")
  public int record(@Requested FlatRecord request) {
    return ++admissions;
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "bench", operation = "nested_pojo")
  public int nestedPojo(@Requested Order order) {
    return ++admissions;
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "bench", operation = "map")
  public int map(@Requested Map<String, Object> options) {
    return ++admissions;
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "bench", operation = "large_list")
  public int largeList(@Requested("items") List<String> items) {
    return ++admissions;
  }

  public static FlatRecord sampleRecord() {
    return new FlatRecord("llama-3.1-8b-instruct", "vllm", 2, 8, 64L, "us-west", false, 3.25);
  }

  /** Ten entries, one of them a nested map of three. */
  public static Map<String, Object> sampleMap() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("max_model_len", 8192);
    nested.put("tensor_parallel", 2);
    nested.put("quantization", "fp8");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("model", "llama-3.1-8b-instruct");
    map.put("engine", "vllm");
    map.put("gpu_count", 2);
    map.put("cpu", 8);
    map.put("memory_gb", 64L);
    map.put("location", "us-west");
    map.put("priority", "normal");
    map.put("preemptible", Boolean.FALSE);
    map.put("max_price", 3.25);
    map.put("vllm", nested);
    return map;
  }

  /** Ten thousand strings (the agent keeps the first 32). */
  public static List<String> sampleList() {
    return IntStream.range(0, 10_000).mapToObj(i -> "shard-" + i).collect(Collectors.toList());
  }
}
