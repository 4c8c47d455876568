package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.json.JsonParser;
import dev.envelope.sample.serving.DeployModelRequest;
import dev.envelope.sample.serving.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeployModelRequestBinderTest {

  @SuppressWarnings("unchecked")
  private static DeployModelRequest bind(String json) {
    return DeployModelRequestBinder.bind((Map<String, Object>) JsonParser.parse(json));
  }

  @Test
  void bindsEveryField() {
    DeployModelRequest request = bind("{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":0.5,"
        + "\"cpu\":4,\"memory_gb\":32,\"location\":\"us-west\",\"concurrency\":8,"
        + "\"timeout_s\":30.0,\"priority\":\"high\",\"unknown\":[1]}");

    assertThat(request).isEqualTo(new DeployModelRequest("m", "vllm", new BigDecimal("0.5"),
        new BigDecimal("4"), 32, "us-west", 8, 30, "high"));
  }

  @Test
  void missingAndNullFieldsBecomeNull() {
    assertThat(bind("{\"model\":null}"))
        .isEqualTo(new DeployModelRequest(null, null, null, null, null, null, null, null, null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"model\":7}                  | model must be a string",
      "{\"engine\":[\"vllm\"]}        | engine must be a string",
      "{\"gpu_count\":\"1\"}          | gpu_count must be a number",
      "{\"gpu_count\":true}           | gpu_count must be a number",
      "{\"cpu\":{}}                   | cpu must be a number",
      "{\"memory_gb\":1.5}            | memory_gb must be an integer",
      "{\"memory_gb\":\"16\"}         | memory_gb must be an integer",
      "{\"concurrency\":3000000000}   | concurrency is out of range",
      "{\"timeout_s\":1e400}          | timeout_s is out of range",
      "{\"location\":false}           | location must be a string",
      "{\"priority\":1}               | priority must be a string"})
  void refusesWrongTypes(String json, String message) {
    assertThatThrownBy(() -> bind(json))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }
}
