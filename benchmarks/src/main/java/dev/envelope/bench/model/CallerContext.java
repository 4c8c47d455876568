package dev.envelope.bench.model;

/** Who asks: flattened by the envelope agent into {@code caller.*}, {@code toString()} for OpenTelemetry's {@code @SpanAttribute}. */
public record CallerContext(String requesterUrn, String tenantId, String requestId, String role) {}
