package dev.envelope.sample.registry;

/**
 * What the catalog granted a registration: the replica count goes to an envelope's {@code
 * granted} family, the entry id to its {@code resolution}.
 *
 * @param catalogId e.g. {@code cat-000001}
 * @param replicas serving replicas the catalog routes to
 */
public record CatalogEntry(String catalogId, int replicas) {}
