package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
  private final Redactor redactor = Redactor.create(null);

  @ParameterizedTest
  @ValueSource(strings = {"password", "passwd", "client_secret", "session_token", "apiKey",
      "api_key", "APIKEY", "authorization", "credentials", "private_key", "privateKey", "cookie",
      "caller.session_token", "Set-Cookie"})
  void secretKeys(String key) {
    assertThat(redactor.isSecretKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"requester_urn", "tenant_id", "gpu_count", "model", "user", "auth_mode"})
  void ordinaryKeys(String key) {
    assertThat(redactor.isSecretKey(key)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "token=abc123 rejected | abc123",
    "bad password: hunter2 | hunter2",
    "Authorization: Bearer eyJhbGciOi.x.y | eyJhbGciOi",
    "header Basic dXNlcjpwYXNz refused | dXNlcjpwYXNz",
    "{\"api_key\": \"k-9f8e\"} | k-9f8e",
    "url ?user=bob&secret=s3&x=1 | s3",
    "SESSION_TOKEN=ZZZ | ZZZ",
  })
  void scrubRemovesTheSecretButKeepsTheMessage(String message, String secret) {
    String scrubbed = redactor.scrub(message);
    assertThat(scrubbed).doesNotContain(secret).contains(Redactor.REDACTED);
  }

  @Test
  void aSingleQuotedSecretIsScrubbed() {
    assertThat(redactor.scrub("login failed for password = 'hunter2'")).doesNotContain("hunter2");
    assertThat(redactor.scrub("{'api_key': 'k-9f8e'}")).doesNotContain("k-9f8e");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no capacity for 4 GPUs", "model llama-3 not found", ""})
  void scrubLeavesOrdinaryMessagesAlone(String message) {
    assertThat(redactor.scrub(message)).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource({"ssn, ssn=123-45-6789, 123-45-6789", "iban|ssn, iban: DE89370400440532013000, DE89"})
  void extraKeysApplyToKeysAndMessages(String extra, String message, String secret) {
    Redactor extended = Redactor.create(extra);
    assertThat(extended.isSecretKey("user_ssn") || extended.isSecretKey("iban")).isTrue();
    assertThat(extended.isSecretKey("password")).isTrue();
    assertThat(extended.scrub(message)).doesNotContain(secret);
    assertThat(redactor.scrub(message)).contains(secret);
  }

  @Test
  void decisionsStayRightPastTheirCache() {
    Redactor redactor = Redactor.create(null);
    for (int i = 0; i < 20_000; i++) {
      assertThat(redactor.isSecretKey("field_" + i)).isFalse();
      assertThat(redactor.isSecretKey("api_key_" + i)).isTrue();
    }
    assertThat(redactor.isSecretKey("password")).isTrue();
    assertThat(redactor.isSecretKey("password")).isTrue();
    assertThat(redactor.isSecretKey("model")).isFalse();
  }
}
