package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.SampleBackend;
import dev.envelope.it.support.Spans;
import dev.envelope.it.targets.RemoveWorkingDirectoryAgent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6, case 7: whatever is wrong around the agent (a bad setting in any of its three forms, a
 * working directory that is gone or read-only, the agent switched off, attached twice, attached at
 * runtime) the sample backend starts and answers exactly as it does without the agent, and the
 * agent says what is wrong in single lines on stderr: nothing else, no stack trace.
 */
class AgentFaultsIT {
  private static final String EVENTS = "envelope-events.jsonl";
  private static final String WARN = "[envelope-agent] WARN ";
  private static final Pattern AGENT_THREAD = Pattern.compile("^\"(envelope-agent[^\"]*)\"",
      Pattern.MULTILINE);
  /** The backend's answers to the first requests of a run without the agent. */
  private static final List<Http.Reply> WITHOUT_AGENT = new ArrayList<>();

  @BeforeAll
  static void answersWithoutTheAgent() throws Exception {
    try (SampleBackend backend = SampleBackend.start(ForkedJvm.newWorkDir("faults-no-agent"), false,
        null)) {
      for (int i = 1; i <= 3; i++) {
        WITHOUT_AGENT.add(deploy(backend, "req-" + i));
      }
    }
    assertThat(WITHOUT_AGENT).allMatch(r -> r.status == 201);
  }

  // ---- bad settings: one line each, the default used, everything else as usual ----

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("agent argument, not a boolean", b -> b.withAgent("enabled=nope"),
            "agent argument enabled='nope' is not true or false; using true"),
        bad("system property, not a boolean", b -> b.withAgent().jvmArg("-Denvelope.events.stdout=yes"),
            "system property envelope.events.stdout='yes' is not true or false; using false"),
        bad("environment variable with a line break, still one line",
            b -> b.withAgent().env("ENVELOPE_DEBUG", "on\nplease"),
            "environment variable ENVELOPE_DEBUG='on please' is not true or false; using false"),
        bad("negative limit", b -> b.withAgent("capture.max_keys=-1"),
            "agent argument capture.max_keys='-1' is not a positive whole number; using 64"),
        bad("zero limit", b -> b.withAgent().jvmArg("-Denvelope.capture.max_string_length=0"),
            "system property envelope.capture.max_string_length='0' is not a positive whole number; using 256"),
        bad("fractional limit", b -> b.withAgent().jvmArg("-Denvelope.capture.max_depth=1.5"),
            "system property envelope.capture.max_depth='1.5' is not a positive whole number; using 3"),
        bad("limit of Integer.MAX_VALUE",
            b -> b.withAgent().env("ENVELOPE_CAPTURE_MAX_DEPTH", "2147483647"),
            "environment variable ENVELOPE_CAPTURE_MAX_DEPTH='2147483647' is more than 64, the most allowed; using 3"),
        bad("limit beyond long", b -> b.withAgent("capture.max_collection_size=99999999999999999999"),
            "agent argument capture.max_collection_size='99999999999999999999' is more than 4096, the most allowed; using 32"),
        bad("invalid regex", b -> b.withAgent().env("ENVELOPE_REDACT_KEYS", "token|("),
            "environment variable ENVELOPE_REDACT_KEYS='token|(' is not a valid regular expression (Unclosed group); using the default keys only"),
        bad("empty events file argument", b -> b.withAgent("events.file="),
            "agent argument events.file='' is empty; using envelope-events.jsonl ('none' switches the file off)"),
        bad("empty events file variable", b -> b.withAgent().env("ENVELOPE_EVENTS_FILE", ""),
            "environment variable ENVELOPE_EVENTS_FILE='' is empty; using envelope-events.jsonl ('none' switches the file off)"),
        bad("unknown agent argument", b -> b.withAgent("evnets.file=typo.jsonl"),
            "unknown agent argument 'evnets.file' ignored; known: [capture.max_collection_size, capture.max_depth, "
                + "capture.max_keys, capture.max_string_length, config, debug, enabled, events.file, events.stdout, "
                + "events.strict, instrument, redact.keys, viewer.bind, viewer.capacity, viewer.port,"
                + " viewer.trace_url]"),
        bad("unknown system property", b -> b.withAgent().jvmArg("-Denvelope.captur.max_keys=3"),
            "unknown system property 'envelope.captur.max_keys' ignored"),
        bad("agent argument '=,,x'", b -> b.withAgent("=,,x"),
            "agent argument '=' is not key=value; ignored",
            "agent argument 'x' is not key=value; ignored"),
        bad("agent argument without a value", b -> b.withAgent("debug"),
            "agent argument 'debug' is not key=value; ignored"),
        bad("agent argument of commas only, nothing to say", b -> b.withAgent(",,,")),
        bad("missing instrumentation file", b -> b.withAgent("config=missing.conf"),
            "agent argument config='missing.conf' cannot be read (NoSuchFileException: missing.conf); "
                + "no methods instrumented from it"),
        bad("instrumentation file that is a directory", b -> b.withAgent().env("ENVELOPE_CONFIG", "."),
            "environment variable ENVELOPE_CONFIG='.' cannot be read (IOException: Is a directory); "
                + "no methods instrumented from it"),
        bad("unparsable instrument entry", b -> b.withAgent("instrument=garbage"),
            "agent argument instrument entry 'garbage': expected com.acme.Class#method(settings) or "
                + "com.acme.Class#method/N(settings); ignored"),
        bad("bad agent argument hides good system property and variable", b -> b.withAgent("capture.max_keys=x")
                .jvmArg("-Denvelope.capture.max_keys=10").env("ENVELOPE_CAPTURE_MAX_KEYS", "20"),
            "agent argument capture.max_keys='x' is not a positive whole number; using 64"));
  }

  private static Arguments bad(String name, Function<ForkedJvm.Builder, ForkedJvm.Builder> setup,
      String... lines) {
    return Arguments.of(name, setup, List.of(lines));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void aBadSettingIsOneLineAndTheAgentRunsOnDefaults(String name,
      Function<ForkedJvm.Builder, ForkedJvm.Builder> setup, List<String> expected) throws Exception {
    Path dir = ForkedJvm.newWorkDir("faults-setting");
    ForkedJvm jvm;
    try (SampleBackend backend = SampleBackend.start(setup.apply(ForkedJvm.builder(dir)))) {
      jvm = backend.jvm();
      assertThat(deploy(backend, "req-1")).isEqualTo(WITHOUT_AGENT.get(0));
      backend.stop();
    }
    assertThat(jvm.agentDiagnostics()).containsExactlyElementsOf(
        expected.stream().map(l -> WARN + l).collect(Collectors.toList()));
    assertOnlyAgentLines(jvm);
    assertOneEnvelopeEach(Events.read(dir.resolve(EVENTS)), 1);
    assertThat(jsonlFiles(dir)).containsExactly(EVENTS);
    assertThat(Spans.fromStdout(jvm.stdout())).hasSize(1);
  }

  // ---- the events file cannot be written: the application and the spans do not notice ----

  @Test
  void aWorkingDirectoryRemovedBeforeTheAgentStarts() throws Exception {
    Path dir = ForkedJvm.newWorkDir("faults-cwd-gone");
    Path cwd = Files.createDirectory(dir.resolve("cwd"));
    eventsFileCannotBeWritten(ForkedJvm.builder(dir).workingDir(cwd)
        .firstJvmArg("-javaagent:" + removerJar(dir)).withAgent(), EVENTS);
    assertThat(cwd).doesNotExist();
  }

  @Test
  void aReadOnlyWorkingDirectory() throws Exception {
    Path dir = ForkedJvm.newWorkDir("faults-cwd-read-only");
    Path cwd = Files.createDirectory(dir.resolve("cwd"));
    // Root writes through file modes: only a read-only file system stops it.
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", cwd.toString()),
        "mounting a read-only tmpfs is not permitted here");
    try {
      eventsFileCannotBeWritten(ForkedJvm.builder(dir).workingDir(cwd).withAgent(), EVENTS);
    } finally {
      if (!run("umount", cwd.toString())) {
        run("umount", "-l", cwd.toString());
      }
    }
  }

  @Test
  void anEventsFileUnderARegularFile() throws Exception {
    Path dir = ForkedJvm.newWorkDir("faults-enotdir");
    Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "x");
    String file = notADirectory.resolve("events.jsonl").toString();
    eventsFileCannotBeWritten(ForkedJvm.builder(dir).withAgent("events.file=" + file), file);
    assertThat(Files.readString(notADirectory)).isEqualTo("x");
  }

  /**
   * The agent says at start, before any request, that it cannot write {@code file}; how often it
   * repeats that stays bounded, however many events are lost. Requests and spans are as usual.
   */
  private static void eventsFileCannotBeWritten(ForkedJvm.Builder builder, String file)
      throws Exception {
    ForkedJvm jvm;
    try (SampleBackend backend = SampleBackend.start(builder)) {
      jvm = backend.jvm();
      assertThat(jvm.agentDiagnostics()).as("said at start").isNotEmpty()
          .allMatch(l -> l.startsWith(WARN)).anyMatch(l -> l.contains(file));
      for (int i = 0; i < 3; i++) {
        assertThat(deploy(backend, "req-" + (i + 1))).isEqualTo(WITHOUT_AGENT.get(i));
      }
      backend.stop();
    }
    assertOnlyAgentLines(jvm);
    assertThat(jvm.agentDiagnostics()).as("9 events lost, a few lines").hasSizeLessThanOrEqualTo(3)
        .allMatch(l -> l.startsWith(WARN));
    List<JsonNode> spans = Spans.fromStdout(jvm.stdout());
    assertThat(spans).extracting(s -> s.at("/attributes/envelope.caller.request_id").asText())
        .containsExactly("req-1", "req-2", "req-3");
    assertThat(spans).extracting(s -> s.at("/attributes/envelope.phase").asText())
        .containsOnly("finalized");
  }

  // ---- envelope.enabled=false: nothing installed ----

  static Stream<Arguments> disabled() {
    return Stream.of(
        Arguments.of("agent argument", (Function<ForkedJvm.Builder, ForkedJvm.Builder>)
            b -> b.withAgent("enabled=false")),
        Arguments.of("system property", (Function<ForkedJvm.Builder, ForkedJvm.Builder>)
            b -> b.withAgent().jvmArg("-Denvelope.enabled=false")),
        Arguments.of("environment variable", (Function<ForkedJvm.Builder, ForkedJvm.Builder>)
            b -> b.withAgent().env("ENVELOPE_ENABLED", "FALSE")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("disabled")
  void disabledInstallsNothing(String name, Function<ForkedJvm.Builder, ForkedJvm.Builder> setup)
      throws Exception {
    Path dir = ForkedJvm.newWorkDir("faults-disabled");
    Path classes = dir.resolve("classes.log");
    ForkedJvm jvm;
    try (SampleBackend backend = SampleBackend.start(setup.apply(ForkedJvm.builder(dir))
        .jvmArg("-Xlog:class+load=info:file=" + classes))) {
      jvm = backend.jvm();
      assertThat(deploy(backend, "req-1")).isEqualTo(WITHOUT_AGENT.get(0));
      assertThat(agentThreads(jvm)).isEmpty();
      backend.stop();
    }
    assertThat(jvm.stderr()).isEmpty();
    assertThat(jvm.stdout()).doesNotContain("[envelope-agent]");
    assertThat(jsonlFiles(dir)).isEmpty();
    String loaded = Files.readString(classes);
    assertThat(loaded).as("the agent ran").contains("dev.envelope.agent.EnvelopeAgent ");
    assertThat(loaded).as("and went no further")
        .doesNotContain("dev.envelope.agent.AgentRuntime", "dev.envelope.agent.weave.",
            "dev.envelope.agent.shaded.");
  }

  // ---- attached twice, attached at runtime: one agent, one envelope per request ----

  @Test
  void twoJavaagentOptionsStartOneAgent() throws Exception {
    Path dir = ForkedJvm.newWorkDir("faults-twice");
    ForkedJvm jvm;
    try (SampleBackend backend = SampleBackend.start(ForkedJvm.builder(dir).withAgent()
        .jvmArg("-javaagent:" + ForkedJvm.agentJar() + "=events.file=second.jsonl"))) {
      jvm = backend.jvm();
      for (int i = 0; i < 3; i++) {
        assertThat(deploy(backend, "req-" + (i + 1))).isEqualTo(WITHOUT_AGENT.get(i));
      }
      assertThat(agentThreads(jvm)).containsOnlyOnce("envelope-agent-recorder");
      backend.stop();
    }
    assertThat(jvm.agentDiagnostics()).containsExactly(WARN + "the envelope agent is already "
        + "attached to this JVM; ignoring this one and its settings 'events.file=second.jsonl'");
    assertOnlyAgentLines(jvm);
    assertOneEnvelopeEach(Events.read(dir.resolve(EVENTS)), 3);
    assertThat(jsonlFiles(dir)).containsExactly(EVENTS);
    assertThat(Spans.fromStdout(jvm.stdout())).hasSize(3);
  }

  @Test
  void attachingAtRuntimeToAJvmStartedWithTheAgent() throws Exception {
    Path dir = ForkedJvm.newWorkDir("faults-javaagent-then-attach");
    ForkedJvm jvm;
    try (SampleBackend backend = SampleBackend.start(ForkedJvm.builder(dir).withAgent())) {
      jvm = backend.jvm();
      assertThat(deploy(backend, "req-1")).isEqualTo(WITHOUT_AGENT.get(0));
      attach(jvm, "events.file=attached.jsonl");
      assertThat(jvm.agentDiagnostics()).containsExactly(WARN + "the envelope agent is already "
          + "attached to this JVM; ignoring this one and its settings 'events.file=attached.jsonl'");
      assertThat(deploy(backend, "req-2")).isEqualTo(WITHOUT_AGENT.get(1));
      assertThat(agentThreads(jvm)).containsOnlyOnce("envelope-agent-recorder");
      backend.stop();
    }
    assertThat(jvm.agentDiagnostics()).hasSize(1);
    assertOnlyAgentLines(jvm);
    assertOneEnvelopeEach(Events.read(dir.resolve(EVENTS)), 2);
    assertThat(jsonlFiles(dir)).containsExactly(EVENTS);
  }

  @Test
  void attachingAtRuntimeTwice() throws Exception {
    Path dir = ForkedJvm.newWorkDir("faults-attach-twice");
    ForkedJvm jvm;
    try (SampleBackend backend = SampleBackend.start(ForkedJvm.builder(dir))) {
      jvm = backend.jvm();
      assertThat(deploy(backend, "req-0")).isEqualTo(WITHOUT_AGENT.get(0));
      assertThat(agentThreads(jvm)).isEmpty();
      attach(jvm, null);
      assertThat(jvm.stderr()).isEmpty();
      assertThat(deploy(backend, "req-1")).isEqualTo(WITHOUT_AGENT.get(1));
      attach(jvm, "");
      assertThat(jvm.agentDiagnostics()).containsExactly(WARN + "the envelope agent is already "
          + "attached to this JVM; ignoring this one");
      assertThat(deploy(backend, "req-2")).isEqualTo(WITHOUT_AGENT.get(2));
      assertThat(agentThreads(jvm)).containsOnlyOnce("envelope-agent-recorder");
      backend.stop();
    }
    assertOnlyAgentLines(jvm);
    Events events = Events.read(dir.resolve(EVENTS));
    assertOneEnvelopeEach(events, 2);
    assertThat(events.all()).noneMatch(e -> e.at("/envelope/caller/request_id").asText().equals("req-0"));
    assertThat(Spans.fromStdout(jvm.stdout())).hasSize(2);
  }

  // ---- helpers ----

  private static Http.Reply deploy(SampleBackend backend, String requestId) throws Exception {
    return Http.post(backend.port(), SampleBackendEnvelopeIT.DEPLOY, SampleBackendEnvelopeIT.FULL_BODY,
        SampleBackendEnvelopeIT.headers(requestId));
  }

  /** Every request ({@code req-1} ... {@code req-n}) has one envelope, its events seq 1, 2, 3. */
  private static void assertOneEnvelopeEach(Events events, int requests) {
    assertThat(events.byEnvelope()).hasSize(requests);
    for (int i = 1; i <= requests; i++) {
      List<JsonNode> envelope = events.forRequest("req-" + i);
      assertThat(envelope).extracting(e -> e.get("seq").asInt()).as("req-" + i)
          .containsExactly(1, 2, 3);
      assertThat(envelope).extracting(e -> e.get("event").asText()).containsExactly(
          "envelope.admitted", "envelope.resolved", "envelope.finalized");
    }
  }

  /** Nothing on stderr but the agent's own lines: no stack trace, no continuation line. */
  private static void assertOnlyAgentLines(ForkedJvm jvm) throws IOException {
    List<String> lines = jvm.stderr().lines().collect(Collectors.toList());
    assertThat(lines).as("stderr").isEqualTo(jvm.agentDiagnostics());
  }

  private static List<String> jsonlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".jsonl"))
          .sorted().collect(Collectors.toList());
    }
  }

  /** Names of the agent's threads in the running JVM, as {@code jcmd Thread.print} shows them. */
  private static List<String> agentThreads(ForkedJvm jvm) throws Exception {
    Process jcmd = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd")
        .toString(), Long.toString(jvm.pid()), "Thread.print").redirectErrorStream(true).start();
    String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(dump).as("thread dump").contains("Full thread dump");
    List<String> names = new ArrayList<>();
    Matcher m = AGENT_THREAD.matcher(dump);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Loads the agent jar into the running JVM, as AttachIT does. */
  private static void attach(ForkedJvm jvm, String args) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
    try {
      vm.loadAgent(ForkedJvm.agentJar().toString(), args);
    } finally {
      vm.detach();
    }
  }

  /** A jar whose premain is {@link RemoveWorkingDirectoryAgent}. */
  private static Path removerJar(Path dir) throws IOException {
    Path jar = dir.resolve("remove-working-directory.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", RemoveWorkingDirectoryAgent.class.getName());
    String entry = RemoveWorkingDirectoryAgent.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream in = RemoveWorkingDirectoryAgent.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
    }
    return jar;
  }

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
