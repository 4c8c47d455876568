package dev.envelope.bench.model;

/** What the admission returns. */
public record Deployment(String deploymentId, String node, int gpuCount) {}
