package dev.envelope.agent.lifecycle;

import dev.envelope.agent.capture.AdmissionPlan;
import io.opentelemetry.context.Scope;

/** What the admission advice carries from method entry to exit. */
final class AdmissionToken {
  final ActiveEnvelope envelope;
  final Scope scope;
  /** The envelope made current in another agent's context too, or {@code null}. */
  final AutoCloseable elsewhere;
  final AdmissionPlan plan;

  AdmissionToken(ActiveEnvelope envelope, Scope scope, AutoCloseable elsewhere,
      AdmissionPlan plan) {
    this.envelope = envelope;
    this.scope = scope;
    this.elsewhere = elsewhere;
    this.plan = plan;
  }
}
