package dev.envelope.bench.model;

/** The request DTO, with nested {@link Resources}. */
public record DeployRequest(String model, String engine, Resources resources, String location,
    String priority) {}
