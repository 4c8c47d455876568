package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envelope.it.support.DeployCycles;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.OtlpReceiver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The events file failing under a running service: it cannot be opened, the disk fills up, it is
 * deleted. Each time the service answers as always, spans are still exported, the operator gets
 * one clear line, and every event is either in the file or counted: file lines plus the reported
 * count equal the transitions the spans recorded.
 */
class EventsFileFaultsIT {
  private static final Pattern LOST = Pattern.compile(
      "(\\d+) of (\\d+) envelope events could not be written to (\\S+)");
  private static final Pattern REPLACED = Pattern.compile(
      "was deleted or replaced while in use; (\\d+) events written since");

  @Test
  void aPathThatCannotBeOpenedCostsTheFileOnly() throws Exception {
    Path dir = ForkedJvm.newWorkDir("events-unwritable");
    Path blocker = Files.writeString(dir.resolve("logs"), "a file where a directory should be");
    Path file = blocker.resolve("events.jsonl");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<String> diagnostics = serve(dir, receiver, "events.file=" + file, port -> {
        DeployCycles load = DeployCycles.run(port, 2, 60, "req-");
        assertThat(load.statuses().values()).containsOnly(201, 200);
      });
      long transitions = transitions(receiver);
      assertThat(transitions).as("spans were exported").isGreaterThanOrEqualTo(2 * 120);
      assertThat(lines(diagnostics, "cannot be written to")).hasSize(1)
          .allSatisfy(d -> assertThat(d).contains(file.toString()).contains("NotDirectoryException"));
      Matcher lost = single(diagnostics, LOST);
      assertThat(Long.parseLong(lost.group(1))).isEqualTo(transitions);
      assertThat(Long.parseLong(lost.group(2))).isEqualTo(transitions);
      assertThat(Files.exists(file)).isFalse();
    }
  }

  @Test
  void aFullDiskLosesOnlyCountedEventsAndWritingResumesWhenSpaceIsFreed() throws Exception {
    Path dir = ForkedJvm.newWorkDir("events-disk-full");
    Path mount = Files.createDirectories(dir.resolve("small-disk"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString()) == 0,
        "mounting a small tmpfs needs root with CAP_SYS_ADMIN");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Path filler = mount.resolve("filler");
      Files.write(filler, new byte[160 * 1024]);
      Path file = mount.resolve("events.jsonl");
      List<String> diagnostics = serve(dir, receiver, "events.file=" + file, port -> {
        DeployCycles full = DeployCycles.run(port, 2, 60, "full-");
        assertThat(full.statuses().values()).containsOnly(201, 200);
        Files.delete(filler);
        Thread.sleep(1_200); // the file is tried again once a second
        DeployCycles freed = DeployCycles.run(port, 1, 4, "freed-");
        assertThat(freed.statuses().values()).containsOnly(201, 200);
      });
      long transitions = transitions(receiver);
      assertThat(lines(diagnostics, "cannot be written to")).hasSize(1)
          .allSatisfy(d -> assertThat(d).contains("No space left on device"));
      assertThat(lines(diagnostics, "again")).hasSize(1);
      Events events = Events.read(file); // every line whole: a failed write is cut off again
      Matcher lost = single(diagnostics, LOST);
      assertThat(Long.parseLong(lost.group(1))).isPositive();
      assertThat(events.size() + Long.parseLong(lost.group(1))).isEqualTo(transitions);
      assertThat(events.forRequest("freed-4-delete")).as("written after space was freed")
          .isNotEmpty();
    } finally {
      run("umount", "-l", mount.toString());
    }
  }

  @Test
  void aDeletedFileIsStartedAgainAndWhatWentWithItIsCounted() throws Exception {
    Path dir = ForkedJvm.newWorkDir("events-deleted");
    Path file = dir.resolve("envelope-events.jsonl");
    long[] before = new long[1];
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<String> diagnostics = serve(dir, receiver, "debug=false", port -> {
        DeployCycles.run(port, 1, 20, "before-");
        Thread.sleep(300); // idle: the file has been written out
        before[0] = Files.readAllLines(file, StandardCharsets.UTF_8).size();
        Files.delete(file);
        DeployCycles.run(port, 1, 20, "during-");
        Thread.sleep(1_200);
        DeployCycles.run(port, 1, 20, "after-");
      });
      long transitions = transitions(receiver);
      assertThat(before[0]).isPositive();
      Matcher replaced = single(diagnostics, REPLACED);
      Events events = Events.read(file);
      assertThat(before[0] + Long.parseLong(replaced.group(1)) + events.size())
          .as("before the deletion + into the deleted file + the new file").isEqualTo(transitions);
      assertThat(events.forRequest("after-20-delete")).isNotEmpty();
      assertThat(lines(diagnostics, "could not be written")).allSatisfy(d ->
          assertThat(d).startsWith("[envelope-agent] WARN 0 of "));
    }
  }

  @Test
  void strictModeAnswersAnAdmissionThatCannotBeRecordedWithAFailure() throws Exception {
    Path dir = ForkedJvm.newWorkDir("events-strict");
    Path blocker = Files.writeString(dir.resolve("logs"), "a file where a directory should be");
    Path good = dir.resolve("good");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      serve(dir, receiver, "events.strict=true,events.file=" + blocker.resolve("e.jsonl"), port -> {
        Http.Reply refused = Http.post(port, "/serving/deploy_model", DEPLOY,
            DeployCycles.headers("strict-1"));
        assertThat(refused.status).isEqualTo(503);
        assertThat(refused.body).contains("envelope.events.strict=true");
        assertThat(Http.post(port, "/serving/deploy_model", DEPLOY,
            DeployCycles.headers("strict-2")).status).isEqualTo(503);
      });
      List<io.opentelemetry.proto.trace.v1.Span> spans = receiver.traces().stream()
          .flatMap(r -> r.getResourceSpansList().stream())
          .flatMap(rs -> rs.getScopeSpansList().stream())
          .flatMap(ss -> ss.getSpansList().stream()).collect(Collectors.toList());
      assertThat(spans).hasSize(2).allSatisfy(s -> {
        assertThat(s.getStatus().getCode().name()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(dev.envelope.it.support.Otlp.attributes(s.getAttributesList())
            .get("envelope.failure.stage").getStringValue()).isEqualTo("admission");
      });
    }
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      serve(dir, receiver, "events.strict=true,events.file=" + good.resolve("e.jsonl"), port -> {
        DeployCycles load = DeployCycles.run(port, 2, 20, "ok-");
        assertThat(load.statuses().values()).containsOnly(201, 200);
      });
      assertThat(Events.read(good.resolve("e.jsonl")).size()).isEqualTo(transitions(receiver));
    }
  }

  private static final String DEPLOY =
      "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1,\"location\":\"us-west\"}";

  interface Client {
    void run(int port) throws Exception;
  }

  private static List<String> serve(Path dir, OtlpReceiver receiver, String agentArgs,
      Client client) throws Exception {
    try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgent(agentArgs)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .jar(ForkedJvm.sampleJar()).args("--port", "0").start()) {
      int port = Integer.parseInt(jvm.awaitStdout("listening on http://127\\.0\\.0\\.1:(\\d+)",
          Duration.ofSeconds(60)));
      client.run(port);
      assertThat(jvm.stop(Duration.ofSeconds(60))).isIn(0, 143);
      List<String> diagnostics = jvm.agentDiagnostics();
      System.out.println(dir.getFileName() + ": " + diagnostics);
      return diagnostics;
    }
  }

  /** Phase transitions the exported spans recorded: one span event each. */
  private static long transitions(OtlpReceiver receiver) {
    long events = 0;
    for (ExportTraceServiceRequest r : receiver.traces()) {
      events += r.getResourceSpansList().stream().flatMap(rs -> rs.getScopeSpansList().stream())
          .flatMap(ss -> ss.getSpansList().stream()).flatMap(s -> s.getEventsList().stream())
          .filter(e -> e.getName().startsWith("envelope.")).count();
    }
    return events;
  }

  private static List<String> lines(List<String> diagnostics, String containing) {
    return diagnostics.stream().filter(d -> d.contains(containing)).collect(Collectors.toList());
  }

  private static Matcher single(List<String> diagnostics, Pattern pattern) {
    List<String> found = diagnostics.stream().filter(d -> pattern.matcher(d).find())
        .collect(Collectors.toList());
    assertThat(found).as(pattern + " in " + diagnostics).hasSize(1);
    Matcher m = pattern.matcher(found.get(0));
    assertThat(m.find()).isTrue();
    return m;
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
