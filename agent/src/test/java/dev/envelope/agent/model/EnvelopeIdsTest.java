package dev.envelope.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EnvelopeIdsTest {

  private static long timestampMillis(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }

  private static int compareUnsigned(UUID a, UUID b) {
    int msb = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return msb != 0 ? msb : Long.compareUnsigned(a.getLeastSignificantBits(),
        b.getLeastSignificantBits());
  }

  @Test
  void isAVersion7UuidWithTheRfcVariant() {
    for (int i = 0; i < 100; i++) {
      UUID id = EnvelopeIds.next();
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(id.toString()).matches(
          "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
  }

  @Test
  void strictlyIncreasesAcrossATightLoop() {
    UUID previous = EnvelopeIds.next();
    for (int i = 0; i < 10_000; i++) {
      UUID next = EnvelopeIds.next();
      assertThat(compareUnsigned(next, previous)).as("id %d", i).isPositive();
      // version 7 is sortable as text: the string order is the creation order
      assertThat(next.toString()).as("id %d", i).isGreaterThan(previous.toString());
      previous = next;
    }
  }

  @Test
  void theTimestampBitsAreTheGivenMillis() {
    // Ids never go back in time: start just past the last id this process issued.
    long millis = timestampMillis(EnvelopeIds.next()) + 1;
    UUID first = EnvelopeIds.next(millis);
    UUID sameMillisecond = EnvelopeIds.next(millis);
    assertThat(timestampMillis(first)).isEqualTo(millis);
    assertThat(timestampMillis(sameMillisecond)).isEqualTo(millis);
    assertThat(compareUnsigned(sameMillisecond, first)).isPositive();
    assertThat(first.version()).isEqualTo(7);
    assertThat(sameMillisecond.variant()).isEqualTo(2);
  }

  @Test
  void aClockThatGoesBackDoesNotBreakTheOrder() {
    UUID latest = EnvelopeIds.next();
    UUID fromThePast = EnvelopeIds.next(timestampMillis(latest) - 60_000);
    assertThat(compareUnsigned(fromThePast, latest)).isPositive();
    assertThat(timestampMillis(fromThePast)).isGreaterThanOrEqualTo(timestampMillis(latest));
  }

  @Test
  void idsFromManyThreadsAreUniqueAndOrderedPerThread() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<UUID>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Callable<List<UUID>> make = () -> {
          List<UUID> ids = new ArrayList<>();
          for (int i = 0; i < 5_000; i++) {
            ids.add(EnvelopeIds.next());
          }
          return ids;
        };
        results.add(pool.submit(make));
      }
      Set<UUID> all = new HashSet<>();
      for (Future<List<UUID>> r : results) {
        List<UUID> ids = r.get();
        for (int i = 1; i < ids.size(); i++) {
          assertThat(compareUnsigned(ids.get(i), ids.get(i - 1))).isPositive();
        }
        all.addAll(ids);
      }
      assertThat(all).hasSize(20_000);
    } finally {
      pool.shutdownNow();
    }
  }
}
