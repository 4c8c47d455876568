package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "gpuCount, gpu_count",
    "timeoutS, timeout_s",
    "HTTPServer, http_server",
    "X-Tenant, x_tenant",
    "userID, user_id",
    "URL, url",
    "gpu2Count, gpu2_count",
    "gpu_count, gpu_count",
    "already_snake_case, already_snake_case",
    "memory_gb, memory_gb",
    "MemoryGB, memory_gb",
    "a.b, a_b",
    "a__b, a_b",
    "_leading, leading",
    "trailing_, trailing",
    "'with space', with_space",
    "deployModel, deploy_model",
    "getX, get_x",
    "x, x",
    "X, x",
  })
  void snakeCase(String in, String out) {
    assertThat(KeyNames.snakeCase(in)).isEqualTo(out);
  }

  @Test
  void aKeyNeverContainsADotOrAnUpperCaseLetterAndIsNeverEmpty() {
    for (String in : new String[] {"", "--", "...", "Ünïcode", "a.B.c", "$x$", "名前"}) {
      String key = KeyNames.snakeCase(in);
      assertThat(key).as(in).isNotEmpty().matches("[a-z0-9_]+");
    }
    assertThat(KeyNames.snakeCase("")).isEqualTo("_");
    assertThat(KeyNames.snakeCase("Ünïcode")).isEqualTo("n_code");
  }

  @Test
  void aVeryLongNameIsCut() {
    String key = KeyNames.snakeCase("a".repeat(1000));
    assertThat(key).hasSize(CaptureLimits.MAX_KEY_LENGTH);
  }

  @Test
  void snakePathConvertsEachSegment() {
    assertThat(KeyNames.snakePath("resources.gpuCount")).isEqualTo("resources.gpu_count");
    assertThat(KeyNames.snakePath("principal.Name")).isEqualTo("principal.name");
    assertThat(KeyNames.snakePath("workspace_id")).isEqualTo("workspace_id");
    assertThat(KeyNames.snakePath("a..b")).isEqualTo("a.b");
    assertThat(KeyNames.snakePath("")).isEmpty();
  }

  @Test
  void joinAddsADotOnlyWhenThereIsAPrefix() {
    assertThat(KeyNames.join("", "gpu_count")).isEqualTo("gpu_count");
    assertThat(KeyNames.join(null, "gpu_count")).isEqualTo("gpu_count");
    assertThat(KeyNames.join("resources", "gpu_count")).isEqualTo("resources.gpu_count");
  }
}
