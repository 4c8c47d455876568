package dev.envelope.agent.viewer;

import dev.envelope.agent.record.EventEncoder;
import dev.envelope.agent.record.Recorder;
import dev.envelope.agent.record.Transition;

/**
 * Keeps each transition's snapshot in the viewer's ring. Runs on the agent's recorder thread like
 * every recorder, so the application's threads never pay for the view.
 */
final class ViewerRecorder implements Recorder {
  /**
   * Each snapshot is cut to stay under this many UTF-8 bytes, as the events file cuts at 64 KiB:
   * the ring's memory grows with its capacity times this, not with what the application is sent.
   */
  static final int MAX_SNAPSHOT_BYTES = 16 * 1024;

  private final EnvelopeRing ring;
  private final EventEncoder encoder;

  ViewerRecorder(EnvelopeRing ring, EventEncoder encoder) {
    this.ring = ring;
    this.encoder = encoder;
  }

  @Override
  public void record(Transition t) {
    ring.put(ViewedEnvelope.of(t.envelope(), t.seq(), encoder.encode(t, MAX_SNAPSHOT_BYTES)));
  }
}
