package dev.envelope.agent.lifecycle;

import dev.envelope.agent.capture.CaptureStats;
import dev.envelope.agent.record.Recorder;

/**
 * What every envelope of this agent shares: where its transitions go, how its failures are
 * described, its key limit. One reference per envelope instead of four, since an envelope is made
 * on the application's thread for every admission.
 */
final class EnvelopeServices {
  final Recorder recorder;
  final FailureDescriber failures;
  /** Keys per family, and extension namespaces per envelope, across all its grants. */
  final int maxKeys;
  final CaptureStats stats;

  EnvelopeServices(Recorder recorder, FailureDescriber failures, int maxKeys, CaptureStats stats) {
    this.recorder = recorder;
    this.failures = failures;
    this.maxKeys = maxKeys;
    this.stats = stats;
  }
}
