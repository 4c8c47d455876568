package dev.envelope.bench.model;

/** The nested part of the ask: {@code requested.resources.*}. */
public record Resources(int gpuCount, int cpu, int memoryGb) {}
