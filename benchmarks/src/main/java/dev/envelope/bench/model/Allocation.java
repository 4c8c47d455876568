package dev.envelope.bench.model;

/** What the grant step returns: {@code granted.*}, with {@code node} and {@code backend} in {@code resolution}. */
public record Allocation(int gpuCount, String engine, String node, String backend) {}
