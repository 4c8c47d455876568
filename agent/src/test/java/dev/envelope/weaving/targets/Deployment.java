package dev.envelope.weaving.targets;

public record Deployment(String deploymentId, String node) {}
