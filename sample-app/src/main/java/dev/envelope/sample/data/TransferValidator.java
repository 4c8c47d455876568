package dev.envelope.sample.data;

import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NotPermittedException;
import java.util.Set;

/**
 * Checks the meaning of a transfer whose fields already have the right types: locations, size,
 * bandwidth, tuning, that the caller's tenant owns the source bucket, and that a credential for
 * the source comes along. Problems are reported one at a time, in that order.
 */
public final class TransferValidator {

  /** Largest transfer accepted: 10 TB. */
  public static final long MAX_BYTES = 10_000_000_000_000L;

  /** Largest bandwidth ask accepted at all; larger asks are typos, not something to narrow. */
  public static final int MAX_BANDWIDTH_MBPS = 100_000;

  /** Bandwidth when none is asked. */
  public static final int DEFAULT_BANDWIDTH_MBPS = 100;

  private static final Set<String> CHECKSUMS = Set.of("crc32c", "sha256", "none");

  /**
   * The checked locations of a valid request.
   *
   * @param source where to read
   * @param destination where to write
   */
  public record Locations(StorageUri source, StorageUri destination) {}

  /**
   * Checks the request and returns its parsed locations. A {@code null} tuning stands for the
   * defaults.
   *
   * @throws InvalidRequestException describing the first problem found
   * @throws NotPermittedException when {@code tenantId} does not own the source bucket
   */
  public Locations validate(TransferRequest body, TransferTuning tuning, String tenantId,
      String sourceCredential) {
    if (body == null) {
      throw invalid("request body is required");
    }
    StorageUri source = location("source", body.source());
    StorageUri destination = location("destination", body.destination());
    if (source.equals(destination)) {
      throw invalid("source and destination must differ");
    }
    if (body.bytes() == null) {
      throw invalid("bytes is required");
    }
    if (body.bytes() <= 0 || body.bytes() > MAX_BYTES) {
      throw invalid("bytes must be from 1 to " + MAX_BYTES);
    }
    Integer mbps = body.bandwidthMbps();
    if (mbps != null && (mbps <= 0 || mbps > MAX_BANDWIDTH_MBPS)) {
      throw invalid("bandwidth_mbps must be from 1 to " + MAX_BANDWIDTH_MBPS);
    }
    if (tuning != null) {
      validateTuning(tuning);
    }
    if (!source.ownedBy(tenantId)) {
      throw new NotPermittedException("tenant '" + tenantId + "' may not read bucket '"
          + source.bucket() + "'");
    }
    if (sourceCredential == null) {
      throw invalid("X-Source-Credential is required to read " + source.scheme() + "://"
          + source.bucket());
    }
    return new Locations(source, destination);
  }

  private static StorageUri location(String field, String value) {
    if (value == null) {
      throw invalid(field + " is required");
    }
    return StorageUri.parse(value).orElseThrow(() -> invalid(field
        + " must look like s3://bucket/path or gs://bucket/path"));
  }

  private static void validateTuning(TransferTuning tuning) {
    if (tuning.chunkSizeMb() < 1 || tuning.chunkSizeMb() > 1024) {
      throw invalid("chunk_size_mb must be from 1 to 1024");
    }
    if (tuning.parallelStreams() < 1 || tuning.parallelStreams() > 32) {
      throw invalid("parallel_streams must be from 1 to 32");
    }
    if (!CHECKSUMS.contains(tuning.checksum())) {
      throw invalid("checksum must be one of crc32c, sha256, none");
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(message);
  }
}
