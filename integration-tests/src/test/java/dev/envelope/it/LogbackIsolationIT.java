package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.targets.HostLoggingMain;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The agent's Logback is its own: a host with SLF4J, Logback and a logback.xml on its class path
 * logs exactly as it does without the agent, while the agent still writes its events.
 */
class LogbackIsolationIT {
  @Test
  void theHostLogsExactlyAsBefore() throws Exception {
    String without = run(false);
    String with = run(true);
    assertThat(with).isEqualTo(without);
    assertThat(without)
        .contains("HOST|INFO|HostLoggingMain|host starting")
        .contains("HOST|DEBUG|HostLoggingMain|debug detail 2")
        .contains("HOST|WARN|audit|audit line 3")
        .contains("HOST|INFO|HostLoggingMain|host done, sum 14")
        .doesNotContain("trace is off")
        .doesNotContain("a logger the host turned off");
  }

  private static String run(boolean agent) throws Exception {
    Path dir = ForkedJvm.newWorkDir(agent ? "logback-agent" : "logback-plain");
    String fixture = Paths.get("src/test/fixtures/host-logging").toAbsolutePath().toString();
    ForkedJvm.Builder b = ForkedJvm.builder(dir)
        .mainClass(fixture + File.pathSeparator + ForkedJvm.testClassPath(),
            HostLoggingMain.class.getName());
    if (agent) {
      b.withAgent().jvmArg("-Dotel.traces.exporter=none");
    }
    try (ForkedJvm jvm = b.start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as(jvm.stderr()).isZero();
      assertThat(jvm.stderr()).isEmpty();
      if (agent) {
        Events events = Events.read(dir.resolve("envelope-events.jsonl"));
        assertThat(events.forOperation("log_work")).hasSize(3);
      }
      return jvm.stdout();
    }
  }
}
