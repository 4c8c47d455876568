package dev.envelope.agent;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import dev.envelope.agent.capture.CaptureStats;
import dev.envelope.agent.capture.Flattener;
import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.config.AgentConfig;
import dev.envelope.agent.config.DefaultServiceName;
import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.lifecycle.EnvelopeDispatcher;
import dev.envelope.agent.lifecycle.EnvelopeIdPropagator;
import dev.envelope.agent.record.EventEncoder;
import dev.envelope.agent.record.EnvelopeSpans;
import dev.envelope.agent.record.EventLog;
import dev.envelope.agent.record.LazyEnvelopeSpans;
import dev.envelope.agent.record.OtelAgentSpans;
import dev.envelope.agent.record.SdkEnvelopeSpans;
import dev.envelope.agent.record.LogRecordRecorder;
import dev.envelope.agent.record.OtelSetup;
import dev.envelope.agent.record.Recorder;
import dev.envelope.agent.record.Recorders;
import dev.envelope.agent.record.SpanRecorder;
import dev.envelope.agent.weave.AgentInstaller;
import java.lang.instrument.Instrumentation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Wires the agent together once its settings are known, and takes it down at JVM shutdown. */
public final class AgentRuntime {
  static final String INSTRUMENTATION_NAME = "dev.envelope.agent";
  /** How long shutdown waits for spans to leave; a dead collector must not hold the JVM. */
  private static final long SPAN_FLUSH_SECONDS = 3;

  private AgentRuntime() {}

  public static void start(AgentConfig config, Instrumentation instrumentation, boolean attached,
      boolean bridgeInBootstrap) {
    long t0 = System.nanoTime();
    CaptureStats stats = new CaptureStats();
    Flattener flattener = new Flattener(config.limits(), Redactor.create(config.redactKeys()), stats);
    OtelSetup otel = OtelSetup.create(OtelSetup::fromSystem,
        DefaultServiceName.fromCommand(System.getProperty("sun.java.command")));
    long t1 = System.nanoTime();
    List<Recorder> recorders = new ArrayList<>();
    if (config.eventsFile() != null || config.eventsStdout()) {
      recorders.add(EventLog.open(config.eventsFile(), config.eventsStdout(),
          new EventEncoder(otel.serviceName())));
    }
    recorders.add(new SpanRecorder());
    if (otel.logsExported()) {
      recorders.add(new LogRecordRecorder(
          otel.sdk().getLogsBridge().get(INSTRUMENTATION_NAME)));
    }
    long t2 = System.nanoTime();
    Recorders recorder = new Recorders(recorders);
    String version = AgentRuntime.class.getPackage().getImplementationVersion();
    String agentVersion = version == null ? "dev" : version;
    EnvelopeSpans spans = new LazyEnvelopeSpans(
        new SdkEnvelopeSpans(otel.sdk().getTracer(INSTRUMENTATION_NAME, agentVersion)),
        () -> {
          try {
            return OtelAgentSpans.create(INSTRUMENTATION_NAME, agentVersion);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    EnvelopeBridge.install(new EnvelopeDispatcher(spans,
        flattener, recorder, Clock.systemUTC(), config.instrumented(),
        EnvelopeIdPropagator.around(otel.sdk().getPropagators().getTextMapPropagator())));
    AgentInstaller.install(instrumentation, config.instrumented(), bridgeInBootstrap);
    long t3 = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(otel, recorder, stats),
        "envelope-agent-shutdown"));
    Diagnostics.debug("started" + (attached ? " (attached at runtime)" : "") + " in "
        + millis(t0, t3) + " ms (OpenTelemetry SDK " + millis(t0, t1) + ", event log "
        + millis(t1, t2) + ", weaving " + millis(t2, t3) + "); service " + otel.serviceName()
        + ", events " + (config.eventsFile() == null ? "off" : config.eventsFile()));
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static void stop(OtelSetup otel, Recorders recorder, CaptureStats stats) {
    recorder.close();
    otel.sdk().shutdown().join(SPAN_FLUSH_SECONDS, TimeUnit.SECONDS);
    Diagnostics.debug("stopped; capture: " + stats);
  }
}
