package dev.envelope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  private final List<String> problems = new ArrayList<>();

  private AgentConfig read(String agentArgs, Map<String, String> sys, Map<String, String> env) {
    return new ConfigReader(agentArgs, sys, env, problems::add).read();
  }

  private AgentConfig read(String agentArgs) {
    return read(agentArgs, Collections.emptyMap(), Collections.emptyMap());
  }

  @Test
  void nothingSetMeansTheDocumentedDefaults() {
    AgentConfig c = read(null);
    assertThat(c.enabled()).isTrue();
    assertThat(c.eventsFile()).isEqualTo("envelope-events.jsonl");
    assertThat(c.eventsStdout()).isFalse();
    assertThat(c.redactKeys()).isNull();
    assertThat(c.limits().maxKeys()).isEqualTo(64);
    assertThat(c.limits().maxStringLength()).isEqualTo(256);
    assertThat(c.limits().maxDepth()).isEqualTo(3);
    assertThat(c.limits().maxCollectionSize()).isEqualTo(32);
    assertThat(c.debug()).isFalse();
    assertThat(problems).isEmpty();
  }

  @Test
  void agentArgumentBeatsSystemPropertyBeatsEnvironment() {
    Map<String, String> sys = Map.of("envelope.events.file", "from-sys.jsonl",
        "envelope.capture.max_depth", "5");
    Map<String, String> env = Map.of("ENVELOPE_EVENTS_FILE", "from-env.jsonl",
        "ENVELOPE_CAPTURE_MAX_DEPTH", "6", "ENVELOPE_CAPTURE_MAX_STRING_LENGTH", "100");
    AgentConfig all = read("events.file=from-arg.jsonl", sys, env);
    assertThat(all.eventsFile()).isEqualTo("from-arg.jsonl");
    assertThat(all.limits().maxDepth()).isEqualTo(5);
    assertThat(all.limits().maxStringLength()).isEqualTo(100);

    assertThat(read(null, sys, env).eventsFile()).isEqualTo("from-sys.jsonl");
    assertThat(read("", Collections.emptyMap(), env).eventsFile()).isEqualTo("from-env.jsonl");
    assertThat(read(null, Collections.emptyMap(), env).limits().maxDepth()).isEqualTo(6);
    assertThat(problems).isEmpty();
  }

  @Test
  void agentArgumentsMayCarryThePrefixAndSeveralSettings() {
    AgentConfig c = read("envelope.debug=true, events.stdout=TRUE ,capture.max_keys=10,"
        + "redact.keys=ssn|iban");
    assertThat(c.debug()).isTrue();
    assertThat(c.eventsStdout()).isTrue();
    assertThat(c.limits().maxKeys()).isEqualTo(10);
    assertThat(c.redactKeys()).isEqualTo("ssn|iban");
    assertThat(problems).isEmpty();
  }

  @Test
  void theEnvironmentNameIsUpperCaseWithUnderscores() {
    assertThat(ConfigReader.envName("capture.max_keys")).isEqualTo("ENVELOPE_CAPTURE_MAX_KEYS");
    assertThat(ConfigReader.envName("events.file")).isEqualTo("ENVELOPE_EVENTS_FILE");
    AgentConfig c = read(null, Collections.emptyMap(),
        Map.of("ENVELOPE_CAPTURE_MAX_KEYS", "12", "ENVELOPE_ENABLED", "false"));
    assertThat(c.limits().maxKeys()).isEqualTo(12);
    assertThat(c.enabled()).isFalse();
    assertThat(problems).isEmpty();
  }

  @Test
  void noneSwitchesTheEventsFileOff() {
    assertThat(read("events.file=none").eventsFile()).isNull();
    assertThat(read("events.file=NONE").eventsFile()).isNull();
    assertThat(read(null, Map.of(), Map.of("ENVELOPE_EVENTS_FILE", "none")).eventsFile()).isNull();
    assertThat(read("events.file=/var/log/none.jsonl").eventsFile()).isEqualTo("/var/log/none.jsonl");
    assertThat(problems).isEmpty();
  }

  @Test
  void anEmptyEventsFileIsReportedAndTheDefaultFileKept() {
    assertThat(read("events.file=").eventsFile()).isEqualTo("envelope-events.jsonl");
    assertThat(read(null, Map.of("envelope.events.file", " "), Map.of()).eventsFile())
        .isEqualTo("envelope-events.jsonl");
    assertThat(read(null, Map.of(), Map.of("ENVELOPE_EVENTS_FILE", "")).eventsFile())
        .isEqualTo("envelope-events.jsonl");
    assertThat(problems).containsExactly(
        "agent argument events.file='' is empty; using envelope-events.jsonl ('none' switches the file off)",
        "system property envelope.events.file=' ' is empty; using envelope-events.jsonl ('none' switches the file off)",
        "environment variable ENVELOPE_EVENTS_FILE='' is empty; using envelope-events.jsonl ('none' switches the file off)");
  }

  @Test
  void aBadBooleanIsOneLineNamingTheKeyAndTheDefault() {
    AgentConfig c = read(null, Map.of("envelope.enabled", "yes"), Map.of());
    assertThat(c.enabled()).isTrue();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("envelope.enabled").contains("yes").contains("true")
        .doesNotContain("\n");

    problems.clear();
    assertThat(read("debug=1").debug()).isFalse();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("debug").contains("'1'").contains("false");
  }

  @Test
  void aBadNumberIsOneLineNamingTheKeyAndTheDefault() {
    AgentConfig c = read(null, Map.of(), Map.of("ENVELOPE_CAPTURE_MAX_KEYS", "lots"));
    assertThat(c.limits().maxKeys()).isEqualTo(64);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("ENVELOPE_CAPTURE_MAX_KEYS").contains("lots")
        .contains("64").doesNotContain("\n");

    for (String bad : new String[] {"0", "-3", "1.5", "", "0x10", "99999999999"}) {
      problems.clear();
      AgentConfig limited = read("capture.max_depth=" + bad);
      assertThat(limited.limits().maxDepth()).as(bad).isEqualTo(3);
      assertThat(problems).as(bad).hasSize(1);
      assertThat(problems.get(0)).contains("capture.max_depth").contains(bad).contains("3");
    }
  }

  @Test
  void aLimitAboveTheMostAllowedIsReportedAndTheDefaultUsed() {
    // Sized from the limit: the cycle path, the map visit budget. Huge values would overflow them.
    AgentConfig c = read("capture.max_depth=2147483647,capture.max_keys=99999999999999999999,"
        + "capture.max_string_length=65537,capture.max_collection_size=+4097");
    assertThat(c.limits().maxDepth()).isEqualTo(3);
    assertThat(c.limits().maxKeys()).isEqualTo(64);
    assertThat(c.limits().maxStringLength()).isEqualTo(256);
    assertThat(c.limits().maxCollectionSize()).isEqualTo(32);
    assertThat(problems).containsExactly(
        "agent argument capture.max_keys='99999999999999999999' is more than 4096, the most allowed; using 64",
        "agent argument capture.max_string_length='65537' is more than 65536, the most allowed; using 256",
        "agent argument capture.max_depth='2147483647' is more than 64, the most allowed; using 3",
        "agent argument capture.max_collection_size='+4097' is more than 4096, the most allowed; using 32");
  }

  @Test
  void theMostAllowedLimitsAreTaken() {
    AgentConfig c = read(null, Map.of(), Map.of("ENVELOPE_CAPTURE_MAX_KEYS", "4096",
        "ENVELOPE_CAPTURE_MAX_STRING_LENGTH", "65536", "ENVELOPE_CAPTURE_MAX_DEPTH", " 64 ",
        "ENVELOPE_CAPTURE_MAX_COLLECTION_SIZE", "0004096"));
    assertThat(c.limits().maxKeys()).isEqualTo(4096);
    assertThat(c.limits().maxStringLength()).isEqualTo(65536);
    assertThat(c.limits().maxDepth()).isEqualTo(64);
    assertThat(c.limits().maxCollectionSize()).isEqualTo(4096);
    assertThat(problems).isEmpty();
  }

  @Test
  void aBadRegexIsOneLineAndTheDefaultKeysStay() {
    AgentConfig c = read("redact.keys=ssn(");
    assertThat(c.redactKeys()).isNull();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("redact.keys").contains("ssn(").contains("default")
        .doesNotContain("\n");
  }

  @Test
  void severalBadSettingsGiveOneLineEach() {
    read("enabled=maybe,capture.max_keys=x",
        Map.of("envelope.events.stdout", "nope"), Map.of("ENVELOPE_DEBUG", "2"));
    assertThat(problems).hasSize(4);
  }

  @Test
  void unknownKeysAreReported() {
    AgentConfig c = read("evnets.file=x.jsonl", Map.of("envelope.captur.max_keys", "3"), Map.of());
    assertThat(c.eventsFile()).isEqualTo("envelope-events.jsonl");
    assertThat(c.limits().maxKeys()).isEqualTo(64);
    assertThat(problems).hasSize(2);
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("evnets.file"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("envelope.captur.max_keys"));
  }

  @Test
  void systemPropertiesOfOtherToolsAreNotOurs() {
    read(null, Map.of("envelopes.x", "1", "java.version", "17"), Map.of("PATH", "/bin"));
    assertThat(problems).isEmpty();
  }

  @Test
  void anArgumentThatIsNotKeyValueIsReportedAndIgnored() {
    AgentConfig c = read("debug,=x,events.stdout=true");
    assertThat(c.eventsStdout()).isTrue();
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("'debug'");
  }

  @Test
  void theViewerIsOffUnlessAPortIsGiven() {
    AgentConfig c = read(null);
    assertThat(c.viewer().enabled()).isFalse();
    assertThat(c.viewer()).isSameAs(ViewerConfig.OFF);
    assertThat(problems).isEmpty();
  }

  @Test
  void viewerSettingsComeInAllThreeForms() {
    ViewerConfig arg = read("viewer.port=0,viewer.trace_url=http://localhost:16686/trace/{trace_id},"
        + "viewer.capacity=50,viewer.bind=::1").viewer();
    assertThat(arg.enabled()).isTrue();
    assertThat(arg.port()).isZero();
    assertThat(arg.bind()).isEqualTo("::1");
    assertThat(arg.traceUrl()).isEqualTo("http://localhost:16686/trace/{trace_id}");
    assertThat(arg.capacity()).isEqualTo(50);

    ViewerConfig sys = read(null, Map.of("envelope.viewer.port", "8099",
        "envelope.viewer.trace_url", "https://grafana.example/explore?trace={trace_id}"), Map.of())
        .viewer();
    assertThat(sys.port()).isEqualTo(8099);
    assertThat(sys.bind()).isEqualTo("127.0.0.1");
    assertThat(sys.traceUrl()).isEqualTo("https://grafana.example/explore?trace={trace_id}");
    assertThat(sys.capacity()).isEqualTo(200);

    ViewerConfig env = read(null, Map.of(), Map.of("ENVELOPE_VIEWER_PORT", "65535",
        "ENVELOPE_VIEWER_BIND", "0.0.0.0", "ENVELOPE_VIEWER_CAPACITY", "10000")).viewer();
    assertThat(env.port()).isEqualTo(65535);
    assertThat(env.bind()).isEqualTo("0.0.0.0");
    assertThat(env.traceUrl()).isNull();
    assertThat(env.capacity()).isEqualTo(10000);
    assertThat(ConfigReader.envName("viewer.trace_url")).isEqualTo("ENVELOPE_VIEWER_TRACE_URL");
    assertThat(problems).isEmpty();
  }

  @Test
  void aBadViewerPortIsOneLineAndTheViewerStaysOff() {
    for (String bad : new String[] {"-1", "65536", "http", "", "99999999999", "8080x"}) {
      problems.clear();
      assertThat(read("viewer.port=" + bad).viewer().enabled()).as(bad).isFalse();
      assertThat(problems).as(bad).singleElement().asString()
          .contains("viewer.port='" + bad + "'").contains("stays off");
    }
  }

  @Test
  void aTraceUrlMustBeAnHttpTemplateOrThereIsNoLink() {
    for (String bad : new String[] {"http://localhost:16686/trace/", "javascript:alert({trace_id})",
        "ftp://h/{trace_id}", "/trace/{trace_id}", "http://h/{trace_id} x"}) {
      problems.clear();
      ViewerConfig c = read("viewer.port=0,viewer.trace_url=" + bad).viewer();
      assertThat(c.enabled()).as(bad).isTrue();
      assertThat(c.traceUrl()).as(bad).isNull();
      assertThat(problems).as(bad).singleElement().asString()
          .contains("viewer.trace_url").contains("no trace links");
    }
  }

  @Test
  void aBadCapacityOrBindIsReportedAndTheDefaultUsed() {
    ViewerConfig c = read("viewer.port=0,viewer.capacity=10001,viewer.bind=a b").viewer();
    assertThat(c.capacity()).isEqualTo(200);
    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(problems).hasSize(2);
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("more than 10000"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("viewer.bind='a b'"));
    problems.clear();
    assertThat(read("viewer.port=0,viewer.capacity=0").viewer().capacity()).isEqualTo(200);
    assertThat(problems).singleElement().asString().contains("not a positive whole number");
  }

  @Test
  void viewerSettingsWithoutAPortSayTheyDoNothing() {
    AgentConfig c = read("viewer.trace_url=http://h/{trace_id}", Map.of(),
        Map.of("ENVELOPE_VIEWER_BIND", "0.0.0.0"));
    assertThat(c.viewer().enabled()).isFalse();
    assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("without viewer.port"));
  }
}
