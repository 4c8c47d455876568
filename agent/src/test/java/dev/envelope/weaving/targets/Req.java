package dev.envelope.weaving.targets;

public record Req(String model, int gpuCount) {}
