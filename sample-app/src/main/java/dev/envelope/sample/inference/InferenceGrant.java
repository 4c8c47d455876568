package dev.envelope.sample.inference;

/**
 * What an inference call was granted: the limits go to an envelope's {@code granted} family, the
 * node and replica to its {@code resolution}.
 *
 * @param maxOutputLen the output budget, possibly lower than asked
 * @param rateLimitRps the caller's request rate on this deployment
 * @param stream whether the answer is streamed
 * @param node the node the deployment runs on
 * @param replicaId the replica that serves this call, e.g. {@code dep-000001-r2}
 */
public record InferenceGrant(
    int maxOutputLen, int rateLimitRps, boolean stream, String node, String replicaId) {}
