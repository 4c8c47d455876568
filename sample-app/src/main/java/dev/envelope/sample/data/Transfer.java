package dev.envelope.sample.data;

/**
 * An accepted transfer, as answered to the client.
 *
 * @param transferId e.g. {@code xfer-000001}
 * @param status always {@code queued}: transfers are accepted, not run, by this backend
 * @param route the network route booked
 * @param bandwidthMbps the bandwidth granted
 * @param encrypt whether it is encrypted in transit
 * @param bytes how many bytes it moves
 * @param estimatedSeconds how long it takes at the granted bandwidth, rounded up
 */
public record Transfer(
    String transferId,
    String status,
    String route,
    int bandwidthMbps,
    boolean encrypt,
    long bytes,
    long estimatedSeconds) {}
