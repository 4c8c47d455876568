package dev.envelope.agent.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsFileStreamTest {

  private static void line(EventsFileStream out, String text) {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  @Test
  void linesReachTheFileWhenTheBufferIsWrittenOut(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventsFileCounts counts = new EventsFileCounts();
    EventsFileStream out = new EventsFileStream(file.toFile(), true, 64, counts);
    line(out, "{\"n\":1}");
    assertThat(Files.size(file)).isZero();
    out.flush();
    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}");
    for (int i = 2; i <= 20; i++) {
      line(out, "{\"n\":" + i + "}");
    }
    out.close();
    assertThat(Files.readAllLines(file)).hasSize(20);
    assertThat(counts.written()).isEqualTo(20);
    assertThat(counts.lost()).isZero();
  }

  @Test
  void aFullDiskLosesOnlyCountedLines() {
    assumeTrue(new File("/dev/full").canWrite(), "needs /dev/full");
    EventsFileCounts counts = new EventsFileCounts();
    EventsFileStream out = new EventsFileStream(new File("/dev/full"), true, 64, counts, 0, 0);
    for (int i = 0; i < 50; i++) {
      line(out, "{\"n\":" + i + "}");
    }
    out.close();
    assertThat(counts.written()).isZero();
    assertThat(counts.lost()).isEqualTo(50);
  }

  @Test
  void aPathThatCannotBeOpenedIsCountedAndRetriedUntilItCan(@TempDir Path dir) throws Exception {
    Path blocker = Files.writeString(dir.resolve("logs"), "not a directory");
    Path file = blocker.resolve("events.jsonl");
    EventsFileCounts counts = new EventsFileCounts();
    EventsFileStream out = new EventsFileStream(file.toFile(), true, 1024, counts, 0, 0);
    line(out, "{\"n\":1}");
    line(out, "{\"n\":2}");
    out.flush();
    assertThat(counts.lost()).isEqualTo(2);

    Files.delete(blocker);
    line(out, "{\"n\":3}");
    out.close();
    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":3}");
    assertThat(counts.written()).isEqualTo(1);
    assertThat(counts.lost()).isEqualTo(2);
  }

  @Test
  void aDeletedFileIsStartedAgainAndWhatWentWithItIsCounted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventsFileCounts counts = new EventsFileCounts();
    EventsFileStream out = new EventsFileStream(file.toFile(), true, 1024, counts, 0, 0);
    line(out, "{\"n\":1}");
    out.flush();
    Files.delete(file);
    line(out, "{\"n\":2}");
    out.flush();
    line(out, "{\"n\":3}");
    out.close();
    assertThat(counts.replaced()).as("line 2 was written into the deleted file").isEqualTo(1);
    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":3}");
  }

  @Test
  void aTornLastLineDoesNotSwallowTheNextOne(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("events.jsonl"), "{\"n\":1}\n{\"n\":2,\"tor");
    EventsFileStream out = new EventsFileStream(file.toFile(), true, 1024, new EventsFileCounts());
    line(out, "{\"n\":3}");
    out.close();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).containsExactly("{\"n\":1}", "{\"n\":2,\"tor", "{\"n\":3}");
  }

  @Test
  void withoutAppendTheFileStartsEmpty(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("events.jsonl"), "old\n");
    EventsFileStream out = new EventsFileStream(file.toFile(), false, 1024, new EventsFileCounts());
    line(out, "new");
    out.close();
    assertThat(Files.readAllLines(file)).containsExactly("new");
  }

  @Test
  void aLineLargerThanTheBufferIsWrittenWhole(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventsFileCounts counts = new EventsFileCounts();
    EventsFileStream out = new EventsFileStream(file.toFile(), true, 16, counts);
    line(out, "a");
    line(out, "x".repeat(100));
    line(out, "b");
    out.close();
    assertThat(Files.readAllLines(file)).containsExactly("a", "x".repeat(100), "b");
    assertThat(counts.written()).isEqualTo(3);
  }
}
