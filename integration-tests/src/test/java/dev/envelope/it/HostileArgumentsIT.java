package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.targets.HostileArgumentsMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, case 3: hostile arguments, grants, results and exceptions (see
 * {@link HostileArgumentsMain}) in a forked JVM with the real agent jar. The application must see
 * exactly what it sees without the agent, the agent must call no toString, hashCode or equals, and
 * every event line must stay valid, under 64 KiB, with one terminal event per envelope.
 */
class HostileArgumentsIT {
  private static final Pattern RESULT = Pattern.compile("^(c\\d\\d) (\\S+) -> (\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  static String withAgent;
  static String withoutAgent;
  static String stdoutRun;
  static List<String> diagnostics;
  static List<String> stdoutRunDiagnostics;
  static Events events;
  static Path eventsFile;

  @BeforeAll
  static void run() throws Exception {
    Path dir = ForkedJvm.newWorkDir("hostile");
    try (ForkedJvm jvm = start(dir, true, false)) {
      assertThat(jvm.awaitExit(TIMEOUT)).as(jvm.stderr()).isZero();
      withAgent = jvm.stdout();
      diagnostics = jvm.agentDiagnostics();
      report("with agent", jvm);
    }
    eventsFile = dir.resolve("envelope-events.jsonl");
    events = Events.read(eventsFile);

    Path plain = ForkedJvm.newWorkDir("hostile-plain");
    try (ForkedJvm jvm = start(plain, false, false)) {
      assertThat(jvm.awaitExit(TIMEOUT)).as(jvm.stderr()).isZero();
      withoutAgent = jvm.stdout();
      report("without agent", jvm);
    }

    Path stdout = ForkedJvm.newWorkDir("hostile-stdout");
    try (ForkedJvm jvm = start(stdout, true, true)) {
      assertThat(jvm.awaitExit(TIMEOUT)).as(jvm.stderr()).isZero();
      stdoutRun = jvm.stdout();
      stdoutRunDiagnostics = jvm.agentDiagnostics();
      report("events on stdout", jvm);
    }
  }

  private static ForkedJvm start(Path dir, boolean agent, boolean eventsOnStdout)
      throws Exception {
    ForkedJvm.Builder b = ForkedJvm.builder(dir).agent(false)
        .mainClass(ForkedJvm.testClassPath(), HostileArgumentsMain.class.getName());
    if (agent) {
      b.withAgent("debug=false" + (eventsOnStdout ? ",events.stdout=true,events.file=none" : ""))
          .jvmArg("-Dotel.traces.exporter=none");
    }
    return b.start();
  }

  /** The figures worth keeping: the target's own timing and the largest event line. */
  private static void report(String run, ForkedJvm jvm) throws Exception {
    String took = jvm.stderr().lines().filter(l -> l.startsWith("hostile run took"))
        .findFirst().orElse("no timing");
    System.out.println("HostileArgumentsIT " + run + ": " + took);
  }

  /** The lines the application printed itself, in order. */
  private static List<String> applicationLines(String stdout) {
    return stdout.lines().filter(l -> !l.startsWith("{")).collect(Collectors.toList());
  }

  /** Case id → what the application saw: returned, threw, completed or failed. */
  private static Map<String, String> outcomes() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : withoutAgent.split("\n")) {
      Matcher m = RESULT.matcher(line);
      if (m.find()) {
        out.put(m.group(1), m.group(3));
      }
    }
    return out;
  }

  @Test
  void theApplicationSeesTheSameWithAndWithoutTheAgent() {
    assertThat(withAgent).isEqualTo(withoutAgent);
    assertThat(applicationLines(stdoutRun))
        .containsExactlyElementsOf(applicationLines(withoutAgent));
    assertThat(withoutAgent).contains("calls: " + outcomes().size());
    assertThat(outcomes()).hasSizeGreaterThan(50);
  }

  @Test
  void theAgentCallsNoToStringHashCodeOrEquals() {
    assertThat(withAgent)
        .contains("toString calls: 0\n", "hashCode calls: 0\n", "equals calls: 0\n");
  }

  @Test
  void theAgentSaysNothing() {
    assertThat(diagnostics).isEmpty();
    assertThat(stdoutRunDiagnostics).isEmpty();
  }

  @Test
  void everyLineIsValidJsonUnder64KiB() throws Exception {
    // Events.read has parsed and schema-checked every line and bounded it; here the raw bytes.
    int largest = 0;
    int truncated = 0;
    for (String line : Files.readAllLines(eventsFile, StandardCharsets.UTF_8)) {
      largest = Math.max(largest, line.getBytes(StandardCharsets.UTF_8).length);
    }
    for (JsonNode e : events.all()) {
      if (e.path("truncated").asBoolean(false)) {
        truncated++;
        assertThat(e.at("/envelope/caller/requester_urn").asText()).isNotEmpty();
        assertThat(e.at("/envelope/execution/operation").asText()).isNotEmpty();
      }
    }
    System.out.println("HostileArgumentsIT: " + events.size() + " event lines, largest "
        + largest + " bytes, " + truncated + " truncated");
    assertThat(largest).isLessThan(64 * 1024);
    assertThat(truncated).as("some envelope is big enough to be cut").isPositive();
  }

  @Test
  void eventsOnStdoutAreValidToo() {
    List<String> lines = stdoutRun.lines().filter(l -> l.startsWith("{"))
        .collect(Collectors.toList());
    Events onStdout = Events.ofLines("stdout", lines);
    assertThat(onStdout.size()).isEqualTo(events.size());
    assertThat(onStdout.sequences()).isEqualTo(events.sequences());
  }

  @Test
  void everyEnvelopeEndsExactlyOnceAndLast() {
    for (Map.Entry<String, List<JsonNode>> e : events.byEnvelope().entrySet()) {
      List<JsonNode> es = e.getValue();
      List<String> names = es.stream().map(n -> n.get("event").asText())
          .collect(Collectors.toList());
      long terminal = names.stream()
          .filter(n -> n.equals("envelope.finalized") || n.equals("envelope.failed")).count();
      assertThat(terminal).as(e.getKey() + " " + names).isEqualTo(1);
      assertThat(names.get(0)).isEqualTo("envelope.admitted");
      assertThat(names.get(names.size() - 1)).isIn("envelope.finalized", "envelope.failed");
      for (int i = 0; i < es.size(); i++) {
        assertThat(es.get(i).get("seq").asInt()).isEqualTo(i + 1);
      }
    }
  }

  @Test
  void everyCallIsOneEnvelopeEndingAsTheApplicationSawIt() {
    Map<String, List<JsonNode>> byCase = new LinkedHashMap<>();
    for (List<JsonNode> es : events.byEnvelope().values()) {
      String id = es.get(0).at("/envelope/scope/case").asText();
      if (id.matches("c\\d\\d")) {
        assertThat(byCase.put(id, es)).as("one envelope for " + id).isNull();
      }
    }
    Map<String, String> outcomes = outcomes();
    assertThat(byCase.keySet()).containsExactlyInAnyOrderElementsOf(outcomes.keySet());
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> o : outcomes.entrySet()) {
      List<JsonNode> es = byCase.get(o.getKey());
      String phase = es.get(es.size() - 1).get("phase").asText();
      boolean failedInApp = o.getValue().equals("threw") || o.getValue().equals("failed");
      if (!phase.equals(failedInApp ? "failed" : "finalized")) {
        wrong.add(o.getKey() + " " + o.getValue() + " but " + phase);
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static JsonNode last(String caseName) {
    for (List<JsonNode> es : events.byEnvelope().values()) {
      String id = es.get(0).at("/envelope/scope/case").asText();
      if (withoutAgent.contains(id + " " + caseName + " ->")) {
        return es.get(es.size() - 1).get("envelope");
      }
    }
    throw new AssertionError("no envelope for " + caseName);
  }

  @Test
  void whatCanBeReadIsKeptAroundWhatCannot() {
    JsonNode getters = last("throwing_getters");
    assertThat(getters.at("/caller/requester_urn").asText()).isEqualTo("urn:anonymous");
    assertThat(getters.at("/requested/name").asText()).isEqualTo("survivor");
    assertThat(getters.at("/requested/ok").asBoolean()).isTrue();
    assertThat(getters.at("/scope/s.name").asText()).isEqualTo("survivor");
    assertThat(getters.at("/granted/ok").asBoolean()).isTrue();
    assertThat(getters.at("/resolution/name").asText()).isEqualTo("survivor");

    JsonNode proxy = last("proxy");
    assertThat(proxy.at("/requested/name").asText()).isEqualTo("proxied");
    assertThat(proxy.at("/requested/size").asLong()).isEqualTo(7);

    assertThat(last("cycle_a_b").at("/requested/b.name").asText()).isEqualTo("b");
    assertThat(last("enum_with_body").at("/requested/requested").asText()).isEqualTo("FAST");
    assertThat(last("chain_of_10000").at("/requested/next.next.depth").asLong()).isEqualTo(2);
    assertThat(last("million_integers").at("/requested/requested")).hasSize(32);
    assertThat(last("kotlin_like").at("/requested/widget.foo_lib").asText()).isEqualTo("foo");
    assertThat(last("lambda_with_getter").at("/requested/name").asText()).isEqualTo("lambda");
    assertThat(last("awkward_keys").at("/requested/password").asText()).isEqualTo("[REDACTED]");
    assertThat(last("huge_decimal").at("/requested/requested").asText()).isEqualTo("1E+999999999");
    assertThat(last("huge_integer").get("requested").size()).as("2^4194304 is skipped").isZero();
    assertThat(withAgent).contains("still interrupted: true");
  }

  @Test
  void tenThousandGrantsOrNamespacesStayWithinTheKeyLimit() {
    JsonNode grants = last("ten_thousand_grants");
    assertThat(grants.get("phase").asText()).isEqualTo("finalized");
    assertThat(grants.get("granted").size()).isEqualTo(64);
    assertThat(last("ten_thousand_namespaces").get("phase").asText()).isEqualTo("finalized");
    for (JsonNode e : events.all()) {
      assertThat(e.at("/envelope/extensions").size()).isLessThanOrEqualTo(64);
      assertThat(e.at("/envelope/granted").size()).isLessThanOrEqualTo(64);
      assertThat(e.at("/envelope/resolution").size()).isLessThanOrEqualTo(64);
    }
  }

  @Test
  void hostileTextIsEscapedAndCut() {
    JsonNode nasty = last("nasty_string");
    String captured = nasty.at("/requested/requested").asText();
    assertThat(captured).startsWith("\u0000\u0001").contains("\u2028\u2029", "\"", "\\")
        .doesNotContain("\uD800x", "\uDC00y");
    JsonNode huge = last("huge_string");
    assertThat(huge.at("/requested/requested").asText()).hasSizeLessThanOrEqualTo(256);

    JsonNode failed = last("huge_message");
    assertThat(failed.at("/failure/error_type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.at("/failure/reason").asText()).hasSizeLessThanOrEqualTo(256)
        .startsWith("\u0000\u0001");
    JsonNode hostile = last("hostile_exception");
    assertThat(hostile.at("/failure/error_type").asText())
        .isEqualTo("dev.envelope.it.targets.Hostile$HostileException");
    assertThat(hostile.at("/failure/reason").asText()).isEmpty();
  }
}
