package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} in the middle of a load: no shutdown hook runs, so whatever was still buffered is
 * gone, but what reached the file is sound. Every complete line is a valid event, only the last
 * line may be torn (a reader skips it), and each envelope's events are in order without holes.
 */
class KillIT {
  private static final String HALF_GPU =
      "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":0.5,\"location\":\"us-west\"}";

  @Test
  void afterKillNineEveryCompleteLineIsAValidEventInOrder() throws Exception {
    Path dir = ForkedJvm.newWorkDir("kill");
    AtomicInteger answered = new AtomicInteger();
    try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgent()
        .env("OTEL_TRACES_EXPORTER", "none")
        .jar(ForkedJvm.sampleJar()).args("--port", "0").start()) {
      int port = Integer.parseInt(jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
          Duration.ofSeconds(60)));
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load = new Thread(() -> {
        for (int i = 1; running.get(); i++) {
          try {
            Http.post(port, "/serving/deploy_model", HALF_GPU,
                SampleBackendEnvelopeIT.headers("req-deploy-" + i));
            Http.delete(port, String.format("/serving/deployments/dep-%06d", i),
                SampleBackendEnvelopeIT.headers("req-delete-" + i));
            answered.addAndGet(2);
          } catch (Exception e) {
            return; // the server is gone
          }
        }
      });
      load.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (answered.get() < 400 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      jvm.process().destroyForcibly(); // SIGKILL, mid-load
      jvm.process().waitFor(30, TimeUnit.SECONDS);
      running.set(false);
      load.join(30_000);
    }
    assertThat(answered.get()).as("requests answered before the kill").isGreaterThanOrEqualTo(400);

    Path file = dir.resolve("envelope-events.jsonl");
    Events events = Events.readAfterCrash(file);
    assertThat(events.size()).as("lines written before the kill (the buffer is 64 KiB)")
        .isPositive();
    for (List<JsonNode> envelope : events.byEnvelope().values()) {
      for (int i = 0; i < envelope.size(); i++) {
        assertThat(envelope.get(i).get("seq").asInt()).as("events in order, none missing between")
            .isEqualTo(i + 1);
      }
    }
  }
}
