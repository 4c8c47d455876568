package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.data.TransferRequest;
import dev.envelope.sample.data.TransferTuning;
import dev.envelope.sample.evaluation.EvaluationRequest;
import dev.envelope.sample.inference.InferenceRequest;
import dev.envelope.sample.json.JsonParser;
import dev.envelope.sample.serving.InvalidRequestException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The binders of the inference, evaluation and transfer bodies: types only, before admission. */
class RequestBindersTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) JsonParser.parse(text);
  }

  @Test
  void bindsAnInferenceRequest() {
    assertThat(InferenceRequestBinder.bind(json("{\"prompt\":\"hi\",\"max_output_len\":512.0,"
        + "\"temperature\":0.7,\"stream\":true,\"priority\":\"high\",\"extra\":1}")))
        .isEqualTo(new InferenceRequest("hi", 2, 512, new BigDecimal("0.7"), true, "high"));
    assertThat(InferenceRequestBinder.bind(json("{}")))
        .isEqualTo(new InferenceRequest(null, null, null, null, null, null));
  }

  @Test
  void bindsAnEvaluationRequest() {
    assertThat(EvaluationRequestBinder.bind(json("{\"deployment_id\":\"dep-1\",\"dataset\":\"mmlu\","
        + "\"metrics\":[\"accuracy\"],\"sample_count\":10,\"gpu_count\":2}")))
        .isEqualTo(new EvaluationRequest("dep-1", "mmlu", List.of("accuracy"), 10, 2));
  }

  @Test
  void bindsATransferAndFillsInTheTuningDefaults() {
    Map<String, Object> json = json("{\"source\":\"s3://acme-a/x\",\"destination\":\"gs://b-b/y\","
        + "\"bytes\":500000000000,\"encrypt\":false,\"bandwidth_mbps\":2000,\"chunk_size_mb\":128}");

    assertThat(TransferRequestBinder.bind(json)).isEqualTo(new TransferRequest("s3://acme-a/x",
        "gs://b-b/y", 500_000_000_000L, false, 2000));
    assertThat(TransferRequestBinder.bindTuning(json))
        .isEqualTo(new TransferTuning(128, 4, "crc32c"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "i | {\"prompt\":1}                 | prompt must be a string",
      "i | {\"max_output_len\":\"5\"}     | max_output_len must be an integer",
      "i | {\"max_output_len\":1.5}       | max_output_len must be an integer",
      "i | {\"temperature\":\"hot\"}      | temperature must be a number",
      "i | {\"stream\":\"yes\"}           | stream must be true or false",
      "e | {\"metrics\":\"accuracy\"}     | metrics must be an array of strings",
      "e | {\"metrics\":[\"a\",1]}        | metrics must be an array of strings",
      "e | {\"sample_count\":3000000000}  | sample_count is out of range",
      "e | {\"deployment_id\":7}          | deployment_id must be a string",
      "t | {\"bytes\":1e30}               | bytes is out of range",
      "t | {\"bytes\":\"1\"}              | bytes must be an integer",
      "t | {\"encrypt\":1}                | encrypt must be true or false",
      "t | {\"source\":[]}                | source must be a string",
      "t | {\"chunk_size_mb\":0.5}        | chunk_size_mb must be an integer",
      "t | {\"checksum\":false}           | checksum must be a string"})
  void refusesWrongTypes(String binder, String text, String message) {
    Map<String, Object> json = json(text);
    Runnable bind = switch (binder) {
      case "i" -> () -> InferenceRequestBinder.bind(json);
      case "e" -> () -> EvaluationRequestBinder.bind(json);
      default -> () -> {
        TransferRequestBinder.bind(json);
        TransferRequestBinder.bindTuning(json);
      };
    };

    assertThatThrownBy(bind::run).isInstanceOf(InvalidRequestException.class).hasMessage(message);
  }
}
