package dev.envelope.bench.shapes;

/** The "record" shape: eight scalar components. */
public record FlatRecord(String model, String engine, int gpuCount, int cpu, long memoryGb,
    String location, boolean preemptible, double maxPrice) {}
