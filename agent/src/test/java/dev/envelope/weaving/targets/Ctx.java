package dev.envelope.weaving.targets;

import dev.envelope.annotations.Sensitive;

public record Ctx(String requesterUrn, String tenantId, @Sensitive String sessionToken) {}
