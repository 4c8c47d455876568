package dev.envelope.sample.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageUriTest {

  @Test
  void parsesSchemeBucketAndPath() {
    assertThat(StorageUri.parse("s3://acme-raw/corpus/2026/"))
        .hasValue(new StorageUri("s3", "acme-raw", "corpus/2026/"));
    assertThat(StorageUri.parse("gs://partner.share/x").orElseThrow().toString())
        .isEqualTo("gs://partner.share/x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "acme-raw/x", "http://acme-raw/x", "s3://acme-raw", "s3://acme-raw/",
      "s3://Acme/x", "s3://ab/x", "s3://acme raw/x", "s3://acme-raw/a b"})
  void refusesAnythingElse(String text) {
    assertThat(StorageUri.parse(text)).isEmpty();
  }

  @Test
  void tenantBucketsStartWithTheTenantAndADash() {
    StorageUri uri = StorageUri.parse("s3://acme-raw/x").orElseThrow();

    assertThat(uri.ownedBy("acme")).isTrue();
    assertThat(uri.ownedBy("acm")).isFalse();
    assertThat(uri.ownedBy("globex")).isFalse();
    assertThat(uri.ownedBy(null)).isFalse();
  }
}
