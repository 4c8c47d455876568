package dev.envelope.sample.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluationValidatorTest {

  private final EvaluationValidator validator = new EvaluationValidator(DatasetCatalog.standard());

  private static List<String> metrics(String spaced) {
    return spaced == null ? null : spaced.isEmpty() ? List.of() : Arrays.asList(spaced.split(" "));
  }

  @Test
  void returnsTheDatasetOfAValidRequest() {
    Dataset dataset = validator.validate(new EvaluationRequest("dep-1", "truthfulqa",
        List.of("bleu", "accuracy"), 10, 2));

    assertThat(dataset.name()).isEqualTo("truthfulqa");
    assertThat(dataset.samples()).isEqualTo(817);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null  | mmlu     | accuracy          | null | null | deployment_id is required",
      "dep-1 | null     | accuracy          | null | null | dataset is required",
      "dep-1 | imagenet | accuracy          | null | null | unknown dataset 'imagenet' (known: gsm8k, humaneval, mmlu, truthfulqa)",
      "dep-1 | mmlu     | null              | null | null | metrics must name at least one metric",
      "dep-1 | mmlu     | ''                | null | null | metrics must name at least one metric",
      "dep-1 | mmlu     | bleu              | null | null | metric 'bleu' is not available on mmlu (available: accuracy)",
      "dep-1 | gsm8k    | accuracy accuracy | null | null | metric 'accuracy' is named twice",
      "dep-1 | mmlu     | accuracy          | 0    | null | sample_count must be greater than 0",
      "dep-1 | mmlu     | accuracy          | 10   | 0    | gpu_count must be from 1 to 64",
      "dep-1 | mmlu     | accuracy          | 10   | 65   | gpu_count must be from 1 to 64"})
  void refusesTheFirstProblem(String deployment, String dataset, String metrics, Integer samples,
      Integer gpus, String message) {
    EvaluationRequest request = new EvaluationRequest(deployment, dataset, metrics(metrics),
        samples, gpus);

    assertThatThrownBy(() -> validator.validate(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void refusesTooManyMetrics() {
    List<String> nine = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i");

    assertThatThrownBy(() -> validator.validate(new EvaluationRequest("dep-1", "mmlu", nine, null,
        null))).hasMessage("metrics must name at most 8 metrics");
  }
}
