package dev.envelope.sample.serving;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {

  private final RequestValidator validator =
      new RequestValidator(EngineCatalog.standard(), Inventory.standard().locations());

  private static DeployModelRequest full() {
    return new DeployModelRequest("meta-llama/Llama-3.1-8B", "vllm", new BigDecimal("0.5"),
        new BigDecimal("2.5"), 16, "us-east", 4, 60, "high");
  }

  private void assertInvalid(DeployModelRequest request, String message) {
    assertThatThrownBy(() -> validator.validate(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void acceptsACompleteRequestAndAMinimalOne() {
    assertThatCode(() -> validator.validate(full())).doesNotThrowAnyException();
    assertThatCode(() -> validator.validate(Requests.ask("tgi", "3", null)))
        .doesNotThrowAnyException();
  }

  @Test
  void requiresModelEngineAndGpuCount() {
    assertInvalid(null, "request body is required");
    assertInvalid(new DeployModelRequest(null, "vllm", BigDecimal.ONE, null, null, null, null, null,
        null), "model is required");
    assertInvalid(Requests.ask(null, "1", null), "engine is required");
    assertInvalid(Requests.ask("vllm", null, null), "gpu_count is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " llama", "-llama", "llama 3", "llama\n", "llama?x=1"})
  void refusesOddModelNames(String model) {
    DeployModelRequest request = new DeployModelRequest(model, "vllm", BigDecimal.ONE, null, null,
        null, null, null, null);
    assertThatThrownBy(() -> validator.validate(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("model must be");
  }

  @Test
  void refusesUnsupportedEnginesAndLocations() {
    assertInvalid(Requests.ask("sglang", "1", null),
        "unsupported engine 'sglang' (supported: tgi, triton, vllm)");
    assertInvalid(Requests.ask("VLLM", "1", null),
        "unsupported engine 'VLLM' (supported: tgi, triton, vllm)");
    assertInvalid(Requests.ask("vllm", "1", "eu-central"),
        "unsupported location 'eu-central' (supported: us-east, us-west)");
  }

  @Test
  void refusesGpuCountsThatAreNotPositiveHalfSteps() {
    assertInvalid(Requests.ask("vllm", "0", null), "gpu_count must be greater than 0");
    assertInvalid(Requests.ask("vllm", "-1", null), "gpu_count must be greater than 0");
    assertInvalid(Requests.ask("vllm", "0.3", null), "gpu_count must be a multiple of 0.5");
    assertInvalid(Requests.ask("vllm", "1.25", null), "gpu_count must be a multiple of 0.5");
    assertInvalid(Requests.ask("vllm", "5E-1000000", null), "gpu_count must be a multiple of 0.5");
    assertInvalid(Requests.ask("vllm", "1E+1000000", null), "gpu_count must be at most 1024");
    assertThatCode(() -> validator.validate(Requests.ask("vllm", "1024.00", null)))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesNonPositiveOptionalAmountsAndUnknownPriorities() {
    DeployModelRequest f = full();
    assertInvalid(new DeployModelRequest(f.model(), f.engine(), f.gpuCount(), BigDecimal.ZERO,
        f.memoryGb(), f.location(), f.concurrency(), f.timeoutS(), f.priority()),
        "cpu must be greater than 0");
    assertInvalid(new DeployModelRequest(f.model(), f.engine(), f.gpuCount(), f.cpu(), 0,
        f.location(), f.concurrency(), f.timeoutS(), f.priority()),
        "memory_gb must be greater than 0");
    assertInvalid(new DeployModelRequest(f.model(), f.engine(), f.gpuCount(), f.cpu(),
        f.memoryGb(), f.location(), -1, f.timeoutS(), f.priority()),
        "concurrency must be greater than 0");
    assertInvalid(new DeployModelRequest(f.model(), f.engine(), f.gpuCount(), f.cpu(),
        f.memoryGb(), f.location(), f.concurrency(), 0, f.priority()),
        "timeout_s must be greater than 0");
    assertInvalid(new DeployModelRequest(f.model(), f.engine(), f.gpuCount(), f.cpu(),
        f.memoryGb(), f.location(), f.concurrency(), f.timeoutS(), "urgent"),
        "priority must be one of low, normal, high");
  }
}
