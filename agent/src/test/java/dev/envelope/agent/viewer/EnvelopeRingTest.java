package dev.envelope.agent.viewer;

import static dev.envelope.agent.viewer.Envelopes.admitted;
import static dev.envelope.agent.viewer.Envelopes.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.agent.model.Envelope;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnvelopeRingTest {

  private static ViewedEnvelope viewed(Envelope e, int seq) {
    return ViewedEnvelope.of(e, seq, "{\"seq\":" + seq + "}");
  }

  private static List<String> newestIds(EnvelopeRing ring) {
    return ring.newestFirst().stream().map(ViewedEnvelope::id).collect(Collectors.toList());
  }

  @Test
  void keepsTheMostRecentAdmissionsUpToItsCapacityNewestFirst() {
    EnvelopeRing ring = new EnvelopeRing(3);
    for (int n = 1; n <= 5; n++) {
      ring.put(viewed(admitted(n, "serving", "deploy_model", "acme"), 1));
    }
    assertThat(ring.size()).isEqualTo(3);
    assertThat(newestIds(ring)).containsExactly(id(5), id(4), id(3));
  }

  @Test
  void aLaterTransitionReplacesTheSnapshotInPlace() {
    EnvelopeRing ring = new EnvelopeRing(3);
    Envelope first = admitted(1, "serving", "deploy_model", "acme");
    ring.put(viewed(first, 1));
    ring.put(viewed(admitted(2, "serving", "deploy_model", "acme"), 1));
    ring.put(viewed(Envelopes.narrowed(first), 2));
    assertThat(newestIds(ring)).containsExactly(id(2), id(1));
    ViewedEnvelope latest = ring.newestFirst().get(1);
    assertThat(latest.seq()).isEqualTo(2);
    assertThat(latest.phase()).isEqualTo("resolved");
    assertThat(latest.line()).isEqualTo("{\"seq\":2}");
  }

  @Test
  void anOlderSnapshotNeverReplacesANewerOne() {
    EnvelopeRing ring = new EnvelopeRing(2);
    Envelope e = admitted(1, "serving", "deploy_model", "acme");
    ring.put(viewed(Envelopes.narrowed(e), 2));
    assertThat(ring.size()).as("not admitted here: pushed out already, or never seen").isZero();
    ring.put(viewed(e, 1));
    ring.put(viewed(Envelopes.narrowed(e), 2));
    ring.put(viewed(e, 1));
    assertThat(ring.newestFirst()).singleElement().extracting(ViewedEnvelope::seq).isEqualTo(2);
  }

  @Test
  void aTransitionOfAnEnvelopePushedOutIsDropped() {
    EnvelopeRing ring = new EnvelopeRing(2);
    Envelope oldest = admitted(1, "serving", "deploy_model", "acme");
    ring.put(viewed(oldest, 1));
    ring.put(viewed(admitted(2, "serving", "deploy_model", "acme"), 1));
    ring.put(viewed(admitted(3, "serving", "deploy_model", "acme"), 1));
    ring.put(viewed(Envelopes.failed(oldest), 2));
    assertThat(ring.ids()).containsExactly(id(2), id(3));
  }

  @Test
  void memoryIsBoundedByTheCapacityUnderManyAdmissions() {
    EnvelopeRing ring = new EnvelopeRing(200);
    for (int n = 1; n <= 5_000; n++) {
      ring.put(viewed(admitted(n, "serving", "deploy_model", "acme"), 1));
    }
    assertThat(ring.size()).isEqualTo(200);
    assertThat(ring.newestFirst().get(0).id()).isEqualTo(id(5_000));
    assertThat(ring.newestFirst().get(199).id()).isEqualTo(id(4_801));
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new EnvelopeRing(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
