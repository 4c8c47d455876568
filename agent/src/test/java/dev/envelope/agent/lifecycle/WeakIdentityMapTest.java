package dev.envelope.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The map behind task contexts: a task must always find what was attached to it. */
class WeakIdentityMapTest {

  /**
   * {@link ConcurrentHashMap#isEmpty()} and {@code size()} sum per-thread counters; while other
   * threads put and remove they may read zero with entries present (their Javadoc: "not for
   * program control"). Seen for real: one task in a million admissions ran without its envelope.
   * Here the map reports that transient state all the time; lookups must not believe it.
   */
  @Test
  void aLookupDoesNotTrustTheMapsSize() {
    ConcurrentHashMap<Object, String> transientlyEmpty = new ConcurrentHashMap<>() {
      @Override
      public boolean isEmpty() {
        return true;
      }

      @Override
      public int size() {
        return 0;
      }
    };
    WeakIdentityMap<String> contexts = new WeakIdentityMap<>(transientlyEmpty);
    Object periodic = new Object();
    Object once = new Object();
    contexts.put(periodic, "context of a periodic task");
    contexts.put(once, "context of a one-shot task");

    assertThat(contexts.get(periodic)).isEqualTo("context of a periodic task");
    assertThat(contexts.remove(once)).isEqualTo("context of a one-shot task");
    assertThat(contexts.remove(once)).isNull();
  }

  @Test
  void entriesAreFoundByIdentityNotEquality() {
    WeakIdentityMap<String> contexts = new WeakIdentityMap<>();
    String task = new String("task");
    assertThat(contexts.get(task)).isNull();
    contexts.put(task, "context");
    assertThat(contexts.get(new String("task"))).isNull();
    assertThat(contexts.remove(task)).isEqualTo("context");
  }
}
