package dev.envelope.agent.record;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Fields;
import java.time.Instant;

/** A transition whose maker waits to hear that its line reached the events file (strict mode). */
public final class AwaitedTransition extends Transition {
  private final Receipt receipt;

  public AwaitedTransition(Envelope envelope, int seq, Instant at, EnvelopeSpan span,
      Receipt receipt) {
    super(envelope, seq, at, Fields.EMPTY, Fields.EMPTY, null, span);
    this.receipt = receipt;
  }

  @Override
  public Receipt receipt() {
    return receipt;
  }
}
