package dev.envelope.agent.lifecycle;

import io.opentelemetry.context.Scope;

/** What the admission advice carries from method entry to exit. */
final class AdmissionToken {
  final ActiveEnvelope envelope;
  final Scope scope;
  final dev.envelope.agent.capture.AdmissionPlan plan;

  AdmissionToken(ActiveEnvelope envelope, Scope scope, dev.envelope.agent.capture.AdmissionPlan plan) {
    this.envelope = envelope;
    this.scope = scope;
    this.plan = plan;
  }
}
