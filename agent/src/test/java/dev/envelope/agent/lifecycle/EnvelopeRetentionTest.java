package dev.envelope.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.agent.capture.CaptureLimits;
import dev.envelope.agent.capture.CaptureStats;
import dev.envelope.agent.capture.Flattener;
import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.lifecycle.EnvelopeDispatcherTest.Ctx;
import dev.envelope.agent.lifecycle.EnvelopeDispatcherTest.Req;
import dev.envelope.agent.lifecycle.EnvelopeDispatcherTest.Serving;
import dev.envelope.agent.lifecycle.EnvelopeDispatcherTest.StepClock;
import dev.envelope.agent.model.Phase;
import dev.envelope.agent.record.Recorder;
import dev.envelope.agent.record.Transition;
import io.opentelemetry.api.trace.TracerProvider;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an envelope still holds once it has ended. It may outlive its request: a context attached
 * to a task that never runs keeps it until the task is collected. An application's exception
 * carries its stack, and so the application's classes and class loader: an ended envelope must
 * not hold one.
 */
class EnvelopeRetentionTest {
  private final List<Phase> phases = new ArrayList<>();
  /** Keeps the phases only, as the real recorders do once a transition is written. */
  private final Recorder recorder = (Transition t) -> phases.add(t.envelope().phase());
  private final EnvelopeDispatcher dispatcher = new EnvelopeDispatcher(
      TracerProvider.noop().get("test"),
      new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null), new CaptureStats()),
      recorder, new StepClock());

  private Object admit() {
    return dispatcher.admissionEnter(Serving.class, EnvelopeDispatcherTest.DEPLOY, new Object[] {
        new Ctx("urn:user:alice", "acme", "req-1", null), new Req("llama-3", "vllm", 4),
        "ws-7", "full", null});
  }

  /** A {@code @Grant} throws; returns only a weak reference to what it threw. */
  private WeakReference<Throwable> failGrant() {
    Throwable thrown = new IllegalStateException("no node");
    dispatcher.grantExit(Serving.class, EnvelopeDispatcherTest.PLACE,
        new Object[] {new Req("llama-3", "vllm", 4)}, null, thrown);
    return new WeakReference<>(thrown);
  }

  @Test
  void anEnvelopeThatEndedAfterAFailedGrantNoLongerHoldsItsException() throws Exception {
    Object token = admit();
    WeakReference<Throwable> grantError = failGrant();
    dispatcher.admissionExit(token, null, null); // the application carried on without the grant
    assertThat(phases).containsExactly(Phase.ADMISSION, Phase.FINALIZED);

    assertThat(collected(grantError)).as("the grant's exception, once the envelope ended").isTrue();
    Reference.reachabilityFence(token);
  }

  @Test
  void anEnvelopeThatFailedBecauseOfAGrantNoLongerHoldsItsException() throws Exception {
    Object token = admit();
    WeakReference<Throwable> grantError = failGrant();
    dispatcher.admissionExit(token, null, new IllegalArgumentException("gave up",
        grantError.get()));
    assertThat(phases).containsExactly(Phase.ADMISSION, Phase.FAILED);

    assertThat(collected(grantError)).as("the grant's exception, once the envelope ended").isTrue();
    Reference.reachabilityFence(token);
  }

  @Test
  void aGrantThatFailsAfterTheEndIsNotKeptEither() throws Exception {
    Object token = admit();
    dispatcher.admissionExit(token, null, null);
    Object ended = EnvelopeContext.current();
    assertThat(ended).as("nothing current after the admission").isNull();
    // A late grant on a thread that still carries the ended envelope's context.
    WeakReference<Throwable> late;
    try (io.opentelemetry.context.Scope ignored = io.opentelemetry.context.Context.root()
        .with(EnvelopeContext.KEY, (ActiveEnvelope) token).makeCurrent()) {
      late = failGrant();
    }
    assertThat(collected(late)).as("an exception from a grant after the end").isTrue();
    Reference.reachabilityFence(token);
  }

  private static boolean collected(WeakReference<?> ref) throws InterruptedException {
    for (int i = 0; i < 10 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    return ref.get() == null;
  }
}
