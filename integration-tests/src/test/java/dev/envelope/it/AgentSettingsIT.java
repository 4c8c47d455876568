package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.targets.WeavingTargetsMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings from the agent argument, system properties and the environment, as SPEC §6 has them. */
class AgentSettingsIT {
  private static ForkedJvm.Builder targets(Path dir) {
    return ForkedJvm.builder(dir).jvmArg("-Dotel.traces.exporter=none")
        .mainClass(ForkedJvm.testClassPath(), WeavingTargetsMain.class.getName());
  }

  @Test
  void disabledInstallsNothing() throws Exception {
    Path dir = ForkedJvm.newWorkDir("disabled");
    try (ForkedJvm jvm = targets(dir).withAgent("enabled=false").start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(jvm.stderr()).isEmpty();
    }
    assertThat(Files.exists(dir.resolve("envelope-events.jsonl"))).isFalse();
  }

  @Test
  void aBadValueIsReportedInOneLineAndTheDefaultUsed() throws Exception {
    Path dir = ForkedJvm.newWorkDir("bad-setting");
    try (ForkedJvm jvm = targets(dir).withAgent("capture.max_keys=lots")
        .env("ENVELOPE_EVENTS_STDOUT", "maybe").start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(jvm.agentDiagnostics()).hasSize(2);
      assertThat(jvm.stderr())
          .contains("agent argument capture.max_keys='lots' is not a positive whole number; using 64")
          .contains("environment variable ENVELOPE_EVENTS_STDOUT='maybe' is not true or false; using false");
    }
    assertThat(Events.read(dir.resolve("envelope-events.jsonl")).forOperation("static_op")).hasSize(1);
  }

  @Test
  void eventsGoWhereTheSettingsSay() throws Exception {
    Path dir = ForkedJvm.newWorkDir("settings-sources");
    Path custom = dir.resolve("custom/events.jsonl");
    Files.createDirectories(custom.getParent());
    try (ForkedJvm jvm = targets(dir).withAgent()
        .jvmArg("-Denvelope.events.file=" + custom)
        .env("ENVELOPE_EVENTS_FILE", dir.resolve("from-env.jsonl").toString())
        .env("ENVELOPE_EVENTS_STDOUT", "true").start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(jvm.stdout()).contains("\"event\":\"envelope.admitted\"");
    }
    assertThat(Files.exists(dir.resolve("from-env.jsonl"))).as("system property wins over env").isFalse();
    assertThat(Events.read(custom).forOperation("varargs_op")).hasSize(1);
    assertThat(Files.exists(dir.resolve("envelope-events.jsonl"))).isFalse();
  }

  @Test
  void noneSwitchesTheFileOff() throws Exception {
    Path dir = ForkedJvm.newWorkDir("events-none");
    try (ForkedJvm jvm = targets(dir).withAgent("events.file=none").start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(jvm.stderr()).isEmpty();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".jsonl"));
    }
  }

  @Test
  void aBadInstrumentEntryIsOneLineAndTheGoodOnesApply() throws Exception {
    Path dir = ForkedJvm.newWorkDir("instrument-entries");
    try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgent()
        .jvmArg("-Dotel.traces.exporter=none")
        .jvmArg("-Denvelope.instrument="
            + "dev.envelope.it.lifecycle.Lifecycle#voidGrant(kind=bogus,service=lifecycle);"
            + "dev.envelope.it.lifecycle.Lifecycle#multiGrant(kind=deployment,service=lifecycle,caller=0,requested=1)")
        .mainClass(ForkedJvm.testClassPath(), dev.envelope.it.lifecycle.LifecycleMain.class.getName())
        .args("plain").start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(jvm.agentDiagnostics()).containsExactly("[envelope-agent] WARN system property envelope.instrument entry "
          + "'dev.envelope.it.lifecycle.Lifecycle#voidGrant(kind=bogus,service=lifecycle)': unknown kind "
          + "'bogus' (one of [agent_action, data_movement, deployment, evaluation, inference, maintenance, "
          + "other, pipeline_step]); ignored");
    }
    Events events = Events.read(dir.resolve("envelope-events.jsonl"));
    assertThat(events.forOperation("multi_grant")).hasSize(1);
    assertThat(events.byEnvelope()).hasSize(1);
  }

  @Test
  void aBadOpenTelemetrySettingCostsTheExportNotTheEnvelopes() throws Exception {
    Path dir = ForkedJvm.newWorkDir("bad-otel-setting");
    try (ForkedJvm jvm = ForkedJvm.builder(dir).withAgent()
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")
        .mainClass(ForkedJvm.testClassPath(), WeavingTargetsMain.class.getName()).start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(jvm.agentDiagnostics()).hasSize(1);
      assertThat(jvm.agentDiagnostics().get(0))
          .startsWith("[envelope-agent] WARN OpenTelemetry settings rejected")
          .contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf")
          .endsWith("spans are not exported, envelope events are still written");
    }
    Events events = Events.read(dir.resolve("envelope-events.jsonl"));
    assertThat(events.forOperation("instance_op")).hasSize(1);
    assertThat(events.all()).allMatch(e -> e.get("trace_id").asText().matches("[0-9a-f]{32}"));
  }
}
