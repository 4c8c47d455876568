package dev.envelope.sample.registry;

/**
 * A deployment the registry has listed, as answered to the caller.
 *
 * @param catalogId the catalog entry, e.g. {@code cat-000001}
 * @param deploymentId the serving backend's id it was registered under
 * @param replicas serving replicas the catalog routes to
 */
public record Registration(String catalogId, String deploymentId, int replicas) {}
