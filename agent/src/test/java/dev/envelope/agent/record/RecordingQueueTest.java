package dev.envelope.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordingQueueTest {
  private static final Envelope ADMITTED =
      EventEncoderTest.admitted(EventEncoderTest.admission().build());

  private static Transition transition(int seq) {
    return new Transition(ADMITTED, seq, Instant.EPOCH, Fields.EMPTY, Fields.EMPTY, null, null);
  }

  /** Records on the queue's thread, as slowly as it is told to, remembering what it got where. */
  private static final class Collecting implements Recorder {
    final List<Object> seen = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger flushes = new AtomicInteger();
    final CountDownLatch gate;
    volatile boolean closed;

    Collecting(CountDownLatch gate) {
      this.gate = gate;
    }

    @Override
    public void record(Transition t) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      seen.add(t.seq());
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public void extensionAdded(Envelope envelope, String namespace, Fields added,
        EnvelopeSpan span) {
      seen.add(namespace);
    }

    @Override
    public void flush() {
      flushes.incrementAndGet();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void aFullQueueMakesProducersWaitAndDropsNothing() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Collecting recorder = new Collecting(gate);
    RecordingQueue queue = new RecordingQueue(recorder, 16);
    Thread producer = new Thread(() -> {
      for (int i = 1; i <= 1_000; i++) {
        queue.record(transition(i));
      }
    });
    producer.start();
    // The recorder is stuck, so the producer fills the queue and then waits for room.
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(producer.isAlive()).isTrue();
    assertThat(queue.pending()).isEqualTo(16);
    gate.countDown();
    producer.join(10_000);
    queue.close(10_000);

    assertThat(recorder.seen).hasSize(1_000);
    for (int i = 0; i < 1_000; i++) {
      assertThat(recorder.seen.get(i)).isEqualTo(i + 1);
    }
    assertThat(recorder.threads).containsOnly("envelope-agent-recorder");
    assertThat(recorder.closed).isTrue();
  }

  @Test
  void extensionsKeepTheirPlaceBetweenTransitions() {
    Collecting recorder = new Collecting(new CountDownLatch(0));
    RecordingQueue queue = new RecordingQueue(recorder, 1024);
    queue.record(transition(1));
    queue.extensionAdded(ADMITTED, "acme", Fields.EMPTY, null);
    queue.record(transition(2));
    queue.close(10_000);
    assertThat(recorder.seen).containsExactly(1, "acme", 2);
  }

  @Test
  void recordersAreFlushedOnceTheQueueRunsEmpty() throws Exception {
    Collecting recorder = new Collecting(new CountDownLatch(0));
    RecordingQueue queue = new RecordingQueue(recorder, 1024);
    queue.record(transition(1));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (recorder.flushes.get() == 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertThat(recorder.seen).containsExactly(1);
    assertThat(recorder.flushes.get()).isPositive();
    queue.close(10_000);
  }

  @Test
  void anInterruptedProducerWaitsForRoomAndKeepsItsInterrupt() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Collecting recorder = new Collecting(gate);
    RecordingQueue queue = new RecordingQueue(recorder, 4);
    boolean[] interrupted = new boolean[1];
    Thread producer = new Thread(() -> {
      Thread.currentThread().interrupt();
      for (int i = 1; i <= 50; i++) {
        queue.record(transition(i));
      }
      interrupted[0] = Thread.currentThread().isInterrupted();
    });
    producer.start();
    TimeUnit.MILLISECONDS.sleep(100);
    gate.countDown();
    producer.join(10_000);
    queue.close(10_000);
    assertThat(recorder.seen).hasSize(50);
    assertThat(interrupted[0]).isTrue();
  }

  @Test
  void afterCloseTransitionsAreReportedNotHandedToClosedRecorders() {
    Collecting recorder = new Collecting(new CountDownLatch(0));
    RecordingQueue queue = new RecordingQueue(recorder, 16);
    queue.record(transition(1));
    queue.close(10_000);
    queue.record(transition(2));
    assertThat(recorder.seen).containsExactly(1);
    assertThat(recorder.closed).isTrue();
  }

  @Test
  void aFailingRecorderDoesNotStopTheQueue() {
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    RecordingQueue queue = new RecordingQueue(t -> {
      if (t.seq() == 2) {
        throw new IllegalStateException("boom");
      }
      seen.add(t.seq());
    }, 16);
    for (int i = 1; i <= 3; i++) {
      queue.record(transition(i));
    }
    queue.close(10_000);
    assertThat(seen).containsExactly(1, 3);
  }

  @Test
  void closeGivesUpAfterItsDrainTime() {
    CountDownLatch gate = new CountDownLatch(1);
    Collecting recorder = new Collecting(gate);
    RecordingQueue queue = new RecordingQueue(recorder, 16);
    queue.record(transition(1));
    long start = System.nanoTime();
    queue.close(200);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    assertThat(recorder.closed).isTrue();
    gate.countDown();
  }
}
