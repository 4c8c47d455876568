package dev.envelope.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Fields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyEventIsWrittenAsOneLineInOrder(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventLog log = EventLog.open(file.toString(), false, new EventEncoder("svc"));
    Envelope admitted = EventEncoderTest.admitted(EventEncoderTest.admission().build());
    int n = 10_000;
    for (int i = 1; i <= n; i++) {
      log.record(new Transition(admitted, i, Instant.EPOCH.plusMillis(i), Fields.EMPTY,
          Fields.EMPTY, null, null));
    }
    log.close();
    assertThat(log.written()).isEqualTo(n);
    assertThat(log.failures()).isZero();

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(n);
    for (int i = 0; i < n; i += 997) {
      JsonNode line = JSON.readTree(lines.get(i));
      assertThat(line.get("seq").intValue()).isEqualTo(i + 1);
      assertThat(line.get("service_name").textValue()).isEqualTo("svc");
    }
    assertThat(JSON.readTree(lines.get(n - 1)).get("seq").intValue()).isEqualTo(n);
  }

  @Test
  void linesAreBufferedUntilFlushed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventLog log = EventLog.open(file.toString(), false, new EventEncoder("svc"));
    Envelope admitted = EventEncoderTest.admitted(EventEncoderTest.admission().build());
    log.record(new Transition(admitted, 1, Instant.EPOCH, Fields.EMPTY, Fields.EMPTY, null, null));
    assertThat(Files.size(file)).isZero();
    log.flush();
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(1);
    log.close();
  }

  @Test
  void aFileThatCannotBeOpenedIsCountedNotThrown(@TempDir Path dir) throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    EventLog log = EventLog.open(notADirectory.resolve("events.jsonl").toString(), false,
        new EventEncoder("svc"));
    Envelope admitted = EventEncoderTest.admitted(EventEncoderTest.admission().build());
    log.record(new Transition(admitted, 1, Instant.EPOCH, Fields.EMPTY, Fields.EMPTY, null, null));
    log.close();
    assertThat(log.lost()).isEqualTo(1);
    assertThat(log.written()).isZero();
  }
}
