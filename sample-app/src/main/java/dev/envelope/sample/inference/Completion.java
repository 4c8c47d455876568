package dev.envelope.sample.inference;

/**
 * A simulated completion, as answered to the client.
 *
 * @param deploymentId the deployment that answered
 * @param replicaId the replica that answered
 * @param node the node it runs on
 * @param maxOutputLen the output budget granted
 * @param rateLimitRps the caller's granted request rate
 * @param stream whether the answer was granted streaming
 * @param outputLen the length of the answer, never above {@code maxOutputLen}
 * @param text the answer; always {@code "(simulated)"} here
 */
public record Completion(
    String deploymentId,
    String replicaId,
    String node,
    int maxOutputLen,
    int rateLimitRps,
    boolean stream,
    int outputLen,
    String text) {}
