package dev.envelope.agent.record;

import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Fields;
import java.util.List;

/** Hands each transition to every recorder; one recorder failing does not stop the others. */
public final class Recorders implements Recorder {
  private final List<Recorder> recorders;

  public Recorders(List<Recorder> recorders) {
    this.recorders = recorders;
  }

  @Override
  public void record(Transition transition) {
    for (Recorder r : recorders) {
      try {
        r.record(transition);
      } catch (Throwable t) {
        Diagnostics.warnRateLimited("recorder:" + r.getClass().getName(),
            r.getClass().getSimpleName() + " failed: " + Diagnostics.describe(t));
      }
    }
  }

  @Override
  public void extensionAdded(Envelope envelope, String namespace, Fields added, EnvelopeSpan span) {
    for (Recorder r : recorders) {
      try {
        r.extensionAdded(envelope, namespace, added, span);
      } catch (Throwable t) {
        Diagnostics.warnRateLimited("recorder:" + r.getClass().getName(),
            r.getClass().getSimpleName() + " failed: " + Diagnostics.describe(t));
      }
    }
  }

  @Override
  public void flush() {
    for (Recorder r : recorders) {
      try {
        r.flush();
      } catch (Throwable t) {
        Diagnostics.warnRateLimited("recorder:" + r.getClass().getName(),
            r.getClass().getSimpleName() + " failed to flush: " + Diagnostics.describe(t));
      }
    }
  }

  @Override
  public void close() {
    for (Recorder r : recorders) {
      try {
        r.close();
      } catch (Throwable t) {
        Diagnostics.warn(r.getClass().getSimpleName() + " did not close: " + Diagnostics.describe(t));
      }
    }
  }
}
