package dev.envelope.sample.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NotPermittedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransferValidatorTest {

  private static final TransferTuning DEFAULTS = TransferTuning.withDefaults(null, null, null);

  private final TransferValidator validator = new TransferValidator();

  @Test
  void returnsTheParsedLocations() {
    TransferValidator.Locations where = validator.validate(new TransferRequest(
        "s3://acme-raw/a/", "gs://partner-share/b/", 10L, null, null), DEFAULTS, "acme", "cred");

    assertThat(where.source()).isEqualTo(new StorageUri("s3", "acme-raw", "a/"));
    assertThat(where.destination()).isEqualTo(new StorageUri("gs", "partner-share", "b/"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null             | s3://acme-b/x | 1              | null   | source is required",
      "ftp://acme-a/x   | s3://acme-b/x | 1              | null   | source must look like s3://bucket/path or gs://bucket/path",
      "s3://acme-a/x    | null          | 1              | null   | destination is required",
      "s3://acme-a/x    | s3://acme-a/x | 1              | null   | source and destination must differ",
      "s3://acme-a/x    | s3://acme-b/x | null           | null   | bytes is required",
      "s3://acme-a/x    | s3://acme-b/x | 0              | null   | bytes must be from 1 to 10000000000000",
      "s3://acme-a/x    | s3://acme-b/x | 10000000000001 | null   | bytes must be from 1 to 10000000000000",
      "s3://acme-a/x    | s3://acme-b/x | 1              | 0      | bandwidth_mbps must be from 1 to 100000",
      "s3://acme-a/x    | s3://acme-b/x | 1              | 100001 | bandwidth_mbps must be from 1 to 100000"})
  void refusesTheFirstProblem(String source, String destination, Long bytes, Integer mbps,
      String message) {
    TransferRequest request = new TransferRequest(source, destination, bytes, null, mbps);

    assertThatThrownBy(() -> validator.validate(request, DEFAULTS, "acme", "cred"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0    | 4  | crc32c | chunk_size_mb must be from 1 to 1024",
      "1025 | 4  | crc32c | chunk_size_mb must be from 1 to 1024",
      "64   | 0  | crc32c | parallel_streams must be from 1 to 32",
      "64   | 33 | crc32c | parallel_streams must be from 1 to 32",
      "64   | 4  | md5    | checksum must be one of crc32c, sha256, none"})
  void refusesBadTuning(int chunk, int streams, String checksum, String message) {
    TransferRequest request = new TransferRequest("s3://acme-a/x", "s3://acme-b/x", 1L, null, null);

    assertThatThrownBy(() -> validator.validate(request,
        new TransferTuning(chunk, streams, checksum), "acme", "cred"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void theSourceMustBeTheTenantsAndComeWithACredential() {
    TransferRequest foreign = new TransferRequest("s3://globex-logs/x", "s3://acme-b/x", 1L, null,
        null);
    TransferRequest own = new TransferRequest("s3://acme-a/x", "s3://acme-b/x", 1L, null, null);

    assertThatThrownBy(() -> validator.validate(foreign, DEFAULTS, "acme", "cred"))
        .isInstanceOf(NotPermittedException.class)
        .hasMessage("tenant 'acme' may not read bucket 'globex-logs'");
    assertThatThrownBy(() -> validator.validate(own, DEFAULTS, "acme", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("X-Source-Credential is required to read s3://acme-a");
  }
}
