package dev.envelope.weaving.targets;

public record Alloc(double gpuCount, String node) {}
