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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "rejected X-Api-Key: k-9f8e; retry | rejected X-Api-Key: [REDACTED]; retry",
    "Cookie: sid=c00k1e; path=/ | Cookie: [REDACTED]; path=/",
    "clientSecret=\"two words\" for bob | clientSecret=\"[REDACTED]\" for bob",
    "authorization: Token t0k3n expired | authorization: Token [REDACTED] expired",
    "upstream said Authorization: Bearer xyz789 | upstream said Authorization: Bearer [REDACTED]",
    "cannot reach https://svc:pa55@vault.internal/v1 | cannot reach https://svc:[REDACTED]@vault.internal/v1",
    "private-key = 'a b c' | private-key = '[REDACTED]'",
  })
  void scrubHidesTheWholeValueAndKeepsTheRest(String message, String expected) {
    assertThat(redactor.scrub(message)).isEqualTo(expected);
  }

  @Test
  void aSecretKeyHidesAWholeJsonObjectOrArray() {
    String json = "{\"error\":\"denied\",\"credentials\":{\"user\":\"svc\",\"pin\":\"p-1\","
        + "\"x\":[\"}\"]},\"tokens\":[\"t-1\",\"t-2\"],\"zone\":\"eu\"}";
    assertThat(redactor.scrub(json)).isEqualTo("{\"error\":\"denied\",\"credentials\":[REDACTED],"
        + "\"tokens\":[REDACTED],\"zone\":\"eu\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a == b and c :: d", "see https://example.com/token/x",
    "ratio 3:4, key count = 2", "expected token but found ')'"})
  void comparisonsLinksAndOrdinaryWordsAreLeftAlone(String message) {
    assertThat(redactor.scrub(message)).isEqualTo(message);
  }

  @Test
  void scrubbingALongMessageStaysLinear() {
    String words = "a".repeat(1_000_000);
    long start = System.nanoTime();
    assertThat(redactor.scrub(words + ":" + words)).hasSize(2_000_001);
    assertThat(redactor.scrub(("token_" + words + " ").repeat(2))).doesNotContain("=");
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
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
