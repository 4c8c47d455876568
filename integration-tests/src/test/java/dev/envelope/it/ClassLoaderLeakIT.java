package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.targets.LoaderLeakMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A class loader whose annotated classes went through the agent (woven, planned, admitted, granted,
 * carried across executors and async stages, failed grants, tasks made and never run) is still
 * collected once the application lets go of it: the agent keeps nothing that reaches it. The same
 * check run with the loaders still held must report them alive, or it would prove nothing.
 */
class ClassLoaderLeakIT {
  private static final int ADMISSIONS = 50;
  private static final int LOADERS = 2;

  @Test
  void aDroppedClassLoaderIsCollectedWithTheAgentAttached() throws Exception {
    Path dir = ForkedJvm.newWorkDir("loader-leak");
    String out = run(dir, "drop");
    assertThat(out).as("both loaders ran their admissions with the agent")
        .contains("isolated: " + ADMISSIONS + " of " + ADMISSIONS + " admissions saw their own")
        .contains("child-first: " + ADMISSIONS + " of " + ADMISSIONS + " admissions saw their own")
        .containsPattern("loaders collected after \\d+ GCs");

    Events events = Events.read(dir.resolve("envelope-events.jsonl"));
    Map<String, Long> perOperation = events.byEnvelope().values().stream().collect(
        Collectors.groupingBy(es -> es.get(0).at("/envelope/execution/operation").asText(),
            Collectors.counting()));
    long nested = LOADERS * java.util.stream.IntStream.range(0, ADMISSIONS)
        .filter(i -> i % 5 == 3).count();
    assertThat(perOperation).containsOnly(
        Map.entry("loaded_op", (long) LOADERS * ADMISSIONS),
        Map.entry("loaded_async", (long) LOADERS * ADMISSIONS),
        Map.entry("loaded_probe", (long) LOADERS * ADMISSIONS),
        Map.entry("loaded_abandon", (long) LOADERS * ADMISSIONS),
        Map.entry("loaded_nested", nested));
    for (List<JsonNode> envelope : events.byEnvelope().values()) {
      List<String> names = envelope.stream().map(e -> e.get("event").asText()).toList();
      assertThat(names).as("one admission, one end").startsWith("envelope.admitted")
          .filteredOn(n -> n.equals("envelope.finalized") || n.equals("envelope.failed"))
          .hasSize(1);
      assertThat(names.get(names.size() - 1)).isIn("envelope.finalized", "envelope.failed");
    }
  }

  @Test
  void theCheckSeesALoaderThatIsStillHeld() throws Exception {
    String out = run(ForkedJvm.newWorkDir("loader-kept"), "keep");
    assertThat(out).contains("loaders NOT collected after")
        .contains(" isolated").contains(" child-first");
  }

  private static String run(Path dir, String mode) throws Exception {
    try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgent()
        .jvmArg("-Dotel.traces.exporter=none")
        .mainClass(ForkedJvm.testClassPath(), LoaderLeakMain.class.getName())
        .args(mode, String.valueOf(ADMISSIONS)).start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as(jvm.stderr()).isZero();
      assertThat(jvm.agentDiagnostics()).as("agent diagnostics").isEmpty();
      String out = jvm.stdout();
      System.out.println("ClassLoaderLeakIT " + mode + ": " + out.trim().replace('\n', ';'));
      return out;
    }
  }
}
