package dev.envelope.sample.data;

/**
 * What the caller asked to move, as sent, before any validation.
 *
 * @param source where to read, e.g. {@code s3://acme-raw/corpus/} (required)
 * @param destination where to write (required)
 * @param bytes how many bytes to move (required)
 * @param encrypt whether to encrypt in transit; the backend may force it on
 * @param bandwidthMbps the bandwidth wanted, in Mbit/s; absent means {@link
 *     TransferValidator#DEFAULT_BANDWIDTH_MBPS}
 */
public record TransferRequest(
    String source,
    String destination,
    Long bytes,
    Boolean encrypt,
    Integer bandwidthMbps) {}
