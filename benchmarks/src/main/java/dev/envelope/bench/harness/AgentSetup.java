package dev.envelope.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The agents a JVM of the harness runs with, and the JVM arguments that attach them. */
enum AgentSetup {
  NONE("no agent"),
  OTEL("OpenTelemetry agent"),
  ENVELOPE("envelope agent"),
  BOTH("both agents");

  final String label;

  AgentSetup(String label) {
    this.label = label;
  }

  String key() {
    return name().toLowerCase();
  }

  /**
   * The JVM arguments: {@code -javaagent:} for each agent, and both agents' OTLP/HTTP exporters
   * pointed at {@code endpoint} (every signal the agent exports by default goes there).
   */
  List<String> jvmArgs(Paths paths, String endpoint, String serviceName) {
    List<String> args = new ArrayList<>();
    if (this == OTEL || this == BOTH) {
      args.add("-javaagent:" + paths.otelAgent());
    }
    if (this == ENVELOPE || this == BOTH) {
      args.add("-javaagent:" + paths.envelopeAgent());
    }
    if (this != NONE) {
      args.add("-Dotel.exporter.otlp.endpoint=" + endpoint);
      args.add("-Dotel.service.name=" + serviceName);
    }
    return args;
  }

  /** Where the jars are. */
  record Paths(Path envelopeAgent, Path otelAgent, Path sampleApp) {}
}
