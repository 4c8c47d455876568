package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JoinedKeysTest {

  @Test
  void aJoinIsMadeOnceAndReused() {
    JoinedKeys keys = new JoinedKeys(".");
    String first = keys.join("resources", "gpu_count");
    assertThat(first).isEqualTo("resources.gpu_count");
    assertThat(keys.join(new String("resources"), "gpu_count")).isSameAs(first);
    assertThat(keys.join("", "gpu_count")).isEqualTo("gpu_count");
    assertThat(new JoinedKeys("").join("envelope.caller.", "role")).isEqualTo("envelope.caller.role");
  }

  @Test
  void pastTheBoundJoinsAreStillRightButNoLongerKept() {
    JoinedKeys keys = new JoinedKeys(".");
    for (int i = 0; i < 20_000; i++) {
      assertThat(keys.join("m", "k" + i)).isEqualTo("m.k" + i);
    }
    String late = keys.join("m", "k19999");
    assertThat(keys.join("m", "k19999")).isEqualTo(late).isNotSameAs(late);
  }
}
