package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Granted;
import dev.envelope.annotations.Requested;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantPlanTest {
  private final Flattener flattener =
      new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null), new CaptureStats());

  record Allocation(double gpuCount, String engine, String node, String backend) {}

  record Lease(String leaseId, String accessToken) {}

  @SuppressWarnings("unused")
  static final class Placement {
    @Grant(resolution = {"node", "backend"})
    Allocation place(@Requested Object body) {
      return null;
    }

    @Grant
    void reserve(@Granted("gpu_count") double gpus, @Granted Allocation alloc, String unrelated) {}

    @Grant
    double grantedGpuCount() {
      return 0;
    }

    @Grant(resolution = {"leaseId", "accessToken"})
    Lease lease() {
      return null;
    }

    @Grant(resolution = {"node"})
    Allocation placeWithGrantedParam(@Granted("region") String region) {
      return null;
    }

    void notAGrant() {}
  }

  private static GrantPlan plan(String name) throws Exception {
    Method m = Arrays.stream(Placement.class.getDeclaredMethods())
        .filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
    return GrantPlan.of(m);
  }

  @Test
  void resolutionKeysMoveOutOfGranted() throws Exception {
    FamilyCapture[] c = plan("place").capture(new Object[] {"ignored"},
        new Allocation(0.5, "vllm-0.6", "gpu-node-3", "ray-actor"), flattener);
    assertThat(c[0].fields().asMap()).containsExactly(
        Map.entry("gpu_count", 0.5), Map.entry("engine", "vllm-0.6"));
    assertThat(c[1].fields().asMap()).containsExactly(
        Map.entry("node", "gpu-node-3"), Map.entry("backend", "ray-actor"));
  }

  @Test
  void aVoidGrantTakesItsGrantedParameters() throws Exception {
    FamilyCapture[] c = plan("reserve").capture(new Object[] {0.5,
        new Allocation(1.0, "vllm", "n-1", "b-1"), "not captured"}, null, flattener);
    assertThat(c[0].fields().asMap()).containsExactly(
        Map.entry("gpu_count", 1.0), Map.entry("engine", "vllm"), Map.entry("node", "n-1"),
        Map.entry("backend", "b-1"));
    assertThat(c[1].isEmpty()).isTrue();
  }

  @Test
  void aVoidGrantsScalarParameterUsesItsValueAsKey() throws Exception {
    FamilyCapture[] c = plan("reserve").capture(new Object[] {0.5, null, "x"}, null, flattener);
    assertThat(c[0].fields().asMap()).containsExactly(Map.entry("gpu_count", 0.5));
  }

  @Test
  void aScalarReturnValueIsKeyedByTheMethodName() throws Exception {
    FamilyCapture[] c = plan("grantedGpuCount").capture(new Object[0], 0.5, flattener);
    assertThat(c[0].fields().asMap()).containsExactly(Map.entry("granted_gpu_count", 0.5));
  }

  @Test
  void resolutionKeysAreSnakeCasedAndRedactionMovesWithThem() throws Exception {
    FamilyCapture[] c = plan("lease").capture(new Object[0], new Lease("l-1", "t-1"), flattener);
    assertThat(c[0].isEmpty()).isTrue();
    assertThat(c[0].redacted()).isEmpty();
    assertThat(c[1].fields().asMap()).containsExactly(
        Map.entry("lease_id", "l-1"), Map.entry("access_token", "[REDACTED]"));
    assertThat(c[1].redacted()).containsExactly("resolution.access_token");
  }

  @Test
  void returnValueAndGrantedParametersCombine() throws Exception {
    FamilyCapture[] c = plan("placeWithGrantedParam").capture(new Object[] {"us-west"},
        new Allocation(0.5, "vllm", "n-1", "b"), flattener);
    assertThat(c[0].fields().asMap()).containsOnlyKeys("gpu_count", "engine", "backend", "region");
    assertThat(c[0].fields().get("region")).isEqualTo("us-west");
    assertThat(c[1].fields().asMap()).containsExactly(Map.entry("node", "n-1"));
  }

  @Test
  void aNullReturnGrantsNothing() throws Exception {
    FamilyCapture[] c = plan("place").capture(new Object[] {null}, null, flattener);
    assertThat(c[0].isEmpty()).isTrue();
    assertThat(c[1].isEmpty()).isTrue();
  }

  @Test
  void aMethodWithoutGrantIsRejected() {
    assertThatThrownBy(() -> plan("notAGrant"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@Grant");
  }
}
