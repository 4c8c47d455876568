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
import dev.envelope.agent.record.RecordingQueue;
import io.opentelemetry.sdk.common.CompletableResultCode;
import dev.envelope.agent.record.SpanRecorder;
import dev.envelope.agent.viewer.Viewer;
import dev.envelope.agent.weave.AgentInstaller;
import java.lang.instrument.Instrumentation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Wires the agent together once its settings are known, and takes it down at JVM shutdown. */
public final class AgentRuntime {
  static final String INSTRUMENTATION_NAME = "dev.envelope.agent";
  /** How long shutdown waits for queued spans to reach a collector that is up. */
  private static final long SPAN_FLUSH_MILLIS = 3_000;
  /** ... and for one that refuses connections: only what leaves at once is worth waiting for. */
  private static final long SPAN_FLUSH_DOWN_MILLIS = 100;
  private static final int PROBE_MILLIS = 250;
  /** How long shutdown waits for the recorder thread to write out what is queued. */
  private static final long RECORDING_DRAIN_MILLIS = 30_000;

  private AgentRuntime() {}

  public static void start(AgentConfig config, Instrumentation instrumentation, boolean attached,
      boolean bridgeInBootstrap) throws Exception {
    long t0 = System.nanoTime();
    // The SDK and the event log are built on a thread of their own while this one weaves: on
    // two cores that takes their time off the application's startup.
    Recording[] recording = new Recording[1];
    Throwable[] failure = new Throwable[1];
    Thread init = new Thread(() -> {
      try {
        recording[0] = Recording.open(config);
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "envelope-agent-init");
    init.setDaemon(true);
    init.start();
    AgentInstaller.install(instrumentation, config.instrumented(), bridgeInBootstrap);
    long woven = System.nanoTime();
    init.join();
    if (failure[0] != null) {
      throw new IllegalStateException("recording could not start: "
          + Diagnostics.describe(failure[0]), failure[0]);
    }
    Recording r = recording[0];
    CaptureStats stats = new CaptureStats();
    Flattener flattener = new Flattener(config.limits(), Redactor.create(config.redactKeys()), stats);
    // Woven code finds the dispatcher from here on; before, it did nothing.
    EnvelopeBridge.install(new EnvelopeDispatcher(r.spans, flattener, r.recorder,
        Clock.systemUTC(), config.instrumented(),
        EnvelopeIdPropagator.around(r.otel.sdk().getPropagators().getTextMapPropagator()),
        config.eventsStrict()));
    WarmUp.start(flattener, r.encoder);
    long t1 = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(r, stats),
        "envelope-agent-shutdown"));
    Diagnostics.debug("started" + (attached ? " (attached at runtime)" : "") + " in "
        + millis(t0, t1) + " ms (weaving " + millis(t0, woven) + ", OpenTelemetry SDK and event log "
        + r.millis + " alongside); service " + r.otel.serviceName() + ", events "
        + (config.eventsFile() == null ? "off" : config.eventsFile()));
  }

  /** The recording side: the OpenTelemetry SDK, the recorders, the span factory. */
  private static final class Recording {
    final OtelSetup otel;
    final RecordingQueue recorder;
    final EnvelopeSpans spans;
    final EventEncoder encoder;
    /** The live view, or {@code null}: not configured, or it could not start. */
    final Viewer viewer;
    final long millis;

    private Recording(OtelSetup otel, RecordingQueue recorder, EnvelopeSpans spans,
        EventEncoder encoder, Viewer viewer, long millis) {
      this.viewer = viewer;
      this.otel = otel;
      this.recorder = recorder;
      this.spans = spans;
      this.encoder = encoder;
      this.millis = millis;
    }

    static Recording open(AgentConfig config) {
      long start = System.nanoTime();
      OtelSetup otel = OtelSetup.create(OtelSetup::fromSystem,
          DefaultServiceName.fromCommand(System.getProperty("sun.java.command")));
      List<Recorder> recorders = new ArrayList<>();
      EventEncoder encoder = new EventEncoder(otel.serviceName());
      if (config.eventsFile() != null || config.eventsStdout()) {
        recorders.add(EventLog.open(config.eventsFile(), config.eventsStdout(), encoder));
      }
      recorders.add(new SpanRecorder());
      if (otel.logsExported()) {
        recorders.add(new LogRecordRecorder(otel.sdk().getLogsBridge().get(INSTRUMENTATION_NAME),
            encoder));
      }
      // Started here, on the init thread: its daemon status passes to the server's threads, and
      // binding the port overlaps the weaving like the rest of recording.
      Viewer viewer = config.viewer().enabled() ? Viewer.start(config.viewer(), encoder) : null;
      if (viewer != null) {
        recorders.add(viewer.recorder());
      }
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
      return new Recording(otel,
          new RecordingQueue(new Recorders(recorders), RecordingQueue.DEFAULT_CAPACITY), spans,
          encoder, viewer, millis(start, System.nanoTime()));
    }
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static void stop(Recording r, CaptureStats stats) {
    long start = System.nanoTime();
    if (r.viewer != null) {
      r.viewer.stop();
    }
    OtelSetup otel = r.otel;
    r.recorder.close(RECORDING_DRAIN_MILLIS);
    CompletableResultCode shutdown = otel.sdk().shutdown();
    boolean reachable = shutdown.isDone() || otel.collectorReachable(PROBE_MILLIS);
    shutdown.join(reachable ? SPAN_FLUSH_MILLIS : SPAN_FLUSH_DOWN_MILLIS, TimeUnit.MILLISECONDS);
    for (String line : otel.undelivered()) {
      Diagnostics.warn(line);
    }
    Diagnostics.debug("stopped in " + millis(start, System.nanoTime()) + " ms"
        + (shutdown.isSuccess() ? "" : reachable ? "; some spans were not exported in time"
            : "; the collector is unreachable, queued spans were not exported")
        + "; capture: " + stats);
  }
}
