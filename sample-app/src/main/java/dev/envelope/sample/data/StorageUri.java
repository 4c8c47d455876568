package dev.envelope.sample.data;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object-store location such as {@code s3://acme-raw/corpus/2026/}: scheme, bucket, path.
 *
 * @param scheme {@code s3} or {@code gs}
 * @param bucket the bucket name
 * @param path the object path or prefix inside the bucket, not empty
 */
public record StorageUri(String scheme, String bucket, String path) {

  // Bucket names follow the common S3/GCS rules: 3 to 63 lower-case letters, digits, dots, dashes.
  private static final Pattern URI =
      Pattern.compile("(s3|gs)://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/([\\x21-\\x7e]{1,1024})");

  /** Parses {@code text}; empty when it is not an {@code s3://} or {@code gs://} object location. */
  public static Optional<StorageUri> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = URI.matcher(text);
    return m.matches()
        ? Optional.of(new StorageUri(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }

  /** Whether the bucket belongs to {@code tenantId}: tenant buckets are named {@code <tenant>-…}. */
  public boolean ownedBy(String tenantId) {
    return tenantId != null && bucket.startsWith(tenantId + "-");
  }

  @Override
  public String toString() {
    return scheme + "://" + bucket + "/" + path;
  }
}
