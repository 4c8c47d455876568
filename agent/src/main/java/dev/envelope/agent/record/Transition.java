package dev.envelope.agent.record;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Fields;
import java.time.Instant;

/**
 * One phase transition of one envelope, as every recorder sees it. Not final only for
 * {@link AwaitedTransition}: strict audit mode's receipt lives there, since a field here would
 * cost every transition of every admission its bytes.
 */
public class Transition {
  private final Envelope envelope;
  private final int seq;
  private final Instant at;
  private final Fields addedGranted;
  private final Fields addedResolution;
  private final Throwable error;
  private final EnvelopeSpan span;

  public Transition(Envelope envelope, int seq, Instant at, Fields addedGranted,
      Fields addedResolution, Throwable error, EnvelopeSpan span) {
    this.envelope = envelope;
    this.seq = seq;
    this.at = at;
    this.addedGranted = addedGranted;
    this.addedResolution = addedResolution;
    this.error = error;
    this.span = span;
  }

  /** The full snapshot after the transition. */
  public Envelope envelope() {
    return envelope;
  }

  /** 1 for the admission, then one more for each event of the same envelope. */
  public int seq() {
    return seq;
  }

  public Instant at() {
    return at;
  }

  /** What this transition added to {@code granted}. */
  public Fields addedGranted() {
    return addedGranted;
  }

  /** What this transition added to {@code resolution}. */
  public Fields addedResolution() {
    return addedResolution;
  }

  /** The application's exception, for a failure; never written out raw. */
  public Throwable error() {
    return error;
  }

  public EnvelopeSpan span() {
    return span;
  }

  /** Who waits to hear that this line was written out, or {@code null}. */
  public Receipt receipt() {
    return null;
  }
}
