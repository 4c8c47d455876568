package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.targets.AttachTargetMain;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code agentmain}: attaching to a running JVM retransforms the annotated class it already loaded,
 * and later calls are recorded; calls before the attach are not.
 */
class AttachIT {
  @Test
  void attachingToARunningJvmWeavesAlreadyLoadedClasses() throws Exception {
    Path dir = ForkedJvm.newWorkDir("attach");
    try (ForkedJvm jvm = ForkedJvm.builder(dir)
        .jvmArg("-Dotel.traces.exporter=none")
        .mainClass(ForkedJvm.testClassPath(), AttachTargetMain.class.getName()).start()) {
      jvm.awaitStdout("^ready$", Duration.ofSeconds(30));

      VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
      try {
        vm.loadAgent(ForkedJvm.agentJar().toString(), "events.file=" + dir.resolve("attached.jsonl"));
      } finally {
        vm.detach();
      }

      OutputStream stdin = jvm.process().getOutputStream();
      stdin.write("after-attach\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      jvm.awaitStdout("^done after-attach$", Duration.ofSeconds(30));
      stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as(jvm.stderr()).isZero();
      assertThat(jvm.agentDiagnostics()).isEmpty();
      assertThat(jvm.stdout()).contains("ran before-attach", "ran after-attach");
    }
    Events events = Events.read(dir.resolve("attached.jsonl"));
    List<List<JsonNode>> runs = events.forOperation("run_job");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0)).extracting(e -> e.get("event").asText())
        .containsExactly("envelope.admitted", "envelope.finalized");
    assertThat(runs.get(0).get(1).at("/envelope/requested/call").asText()).isEqualTo("after-attach");
    assertThat(runs.get(0).get(1).at("/envelope/resolution/result").asText()).isEqualTo("ran after-attach");
  }
}
