package dev.envelope.agent.record;

import dev.envelope.agent.diag.Diagnostics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The agent's own OpenTelemetry SDK, configured by SDK autoconfiguration from the user's
 * {@code otel.*} / {@code OTEL_*} settings. The agent only adds defaults, each overridden by any
 * setting the user makes: OTLP over HTTP/protobuf when an endpoint is set, the console exporter
 * when none is (so nothing retries a missing collector), no metrics or log exporter unless asked
 * for. It is never registered as the global instance: the application's own stays its own.
 */
public final class OtelSetup {
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private final OpenTelemetrySdk sdk;
  private final String serviceName;
  private final boolean logsExported;
  private final List<URI> collectors;
  private final ExportLedger spans;
  private final ExportLedger logs;

  private OtelSetup(OpenTelemetrySdk sdk, String serviceName, boolean logsExported,
      List<URI> collectors, ExportLedger spans, ExportLedger logs) {
    this.sdk = sdk;
    this.serviceName = serviceName;
    this.logsExported = logsExported;
    this.collectors = collectors;
    this.spans = spans;
    this.logs = logs;
  }

  /**
   * @param settings looks up a setting by its property name ({@code otel.x.y}) in system
   *     properties, then the environment ({@code OTEL_X_Y}); {@code null} when unset
   */
  public static OtelSetup create(Function<String, String> settings, String fallbackServiceName) {
    Map<String, String> defaults = defaults(settings, fallbackServiceName);
    AtomicReference<String> resolvedName = new AtomicReference<>();
    List<URI> collectors = new ArrayList<>();
    String logs = settings.apply("otel.logs.exporter");
    boolean logsExported = logs != null && !logs.trim().isEmpty()
        && !logs.trim().equalsIgnoreCase("none");
    ExportLedger spanLedger = new ExportLedger("spans");
    ExportLedger logLedger = new ExportLedger("log records");
    try {
      AutoConfiguredOpenTelemetrySdk configured = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> defaults)
          .addResourceCustomizer((resource, config) -> {
            resolvedName.set(resource.getAttribute(SERVICE_NAME));
            collectors.addAll(otlpEndpoints(config));
            return resource;
          })
          .addSpanExporterCustomizer((exporter, config) -> spanLedger.countingSpans(exporter))
          .addTracerProviderCustomizer((builder, config) ->
              builder.addSpanProcessor(spanLedger.spanCounter()))
          .addLogRecordExporterCustomizer((exporter, config) -> logLedger.countingLogs(exporter))
          .addLoggerProviderCustomizer((builder, config) ->
              builder.addLogRecordProcessor(logLedger.logCounter()))
          .setServiceClassLoader(OtelSetup.class.getClassLoader())
          .disableShutdownHook()
          .build();
      String serviceName = resolvedName.get();
      return new OtelSetup(configured.getOpenTelemetrySdk(),
          serviceName == null ? fallbackServiceName : serviceName, logsExported, collectors,
          spanLedger, logLedger);
    } catch (RuntimeException | LinkageError e) {
      // A bad OpenTelemetry setting must not cost the envelopes: they are still recorded, with
      // trace ids, and written to the events file; only the export is off.
      Diagnostics.warn("OpenTelemetry settings rejected (" + rootMessage(e) + ")"
          + grpcHint(settings) + "; spans are not exported, envelope events are still written");
      String serviceName = settings.apply("otel.service.name");
      return new OtelSetup(OpenTelemetrySdk.builder()
          .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
              W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
          .setTracerProvider(SdkTracerProvider.builder()
              // With no processor at all the SDK hands out spans without ids; this one keeps the
              // ids, so events still carry their trace, and discards the spans.
              .addSpanProcessor(new DiscardingSpanProcessor())
              .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME,
                  serviceName == null ? fallbackServiceName : serviceName))))
              .build())
          .build(), serviceName == null ? fallbackServiceName : serviceName, false, List.of(),
          new ExportLedger("spans"), new ExportLedger("log records"));
    }
  }

  /** Where the OTLP exporters send, as the SDK resolves it (its own defaults included). */
  static List<URI> otlpEndpoints(ConfigProperties config) {
    List<URI> endpoints = new ArrayList<>();
    for (String signal : new String[] {"traces", "logs"}) {
      if (!config.getList("otel." + signal + ".exporter", List.of("otlp")).contains("otlp")) {
        continue;
      }
      String protocol = config.getString("otel.exporter.otlp." + signal + ".protocol",
          config.getString("otel.exporter.otlp.protocol", "grpc"));
      String endpoint = config.getString("otel.exporter.otlp." + signal + ".endpoint",
          config.getString("otel.exporter.otlp.endpoint",
              protocol.equals("grpc") ? "http://localhost:4317" : "http://localhost:4318"));
      try {
        endpoints.add(URI.create(endpoint.trim()));
      } catch (IllegalArgumentException e) {
        // The exporter itself reports a malformed endpoint.
      }
    }
    return endpoints;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root == t ? t.getMessage() : t.getMessage() + ": " + root.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }

  private static String grpcHint(Function<String, String> settings) {
    for (String key : new String[] {"otel.exporter.otlp.protocol",
        "otel.exporter.otlp.traces.protocol", "otel.exporter.otlp.logs.protocol"}) {
      String protocol = settings.apply(key);
      if (protocol != null && protocol.trim().equalsIgnoreCase("grpc")) {
        return ". envelope-agent.jar sends OTLP over HTTP only: attach envelope-agent-grpc.jar for"
            + " gRPC, or set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf and point"
            + " OTEL_EXPORTER_OTLP_ENDPOINT at the collector's HTTP port (4318)";
      }
    }
    return "";
  }

  static Map<String, String> defaults(Function<String, String> settings, String serviceName) {
    Map<String, String> d = new HashMap<>();
    boolean endpointSet = settings.apply("otel.exporter.otlp.endpoint") != null
        || settings.apply("otel.exporter.otlp.traces.endpoint") != null;
    if (!endpointSet) {
      d.put("otel.traces.exporter", "console");
    }
    d.put("otel.metrics.exporter", "none");
    d.put("otel.logs.exporter", "none");
    d.put("otel.exporter.otlp.protocol", "http/protobuf");
    // An envelope has up to 64 keys in each of seven families: the SDK's default of 128 attributes
    // per span would silently drop some.
    d.put("otel.span.attribute.count.limit", "1024");
    d.put("otel.event.attribute.count.limit", "1024");
    String resource = settings.apply("otel.resource.attributes");
    if (resource == null || !resource.contains("service.name=")) {
      d.put("otel.service.name", serviceName);
    }
    return d;
  }

  /** Looks up {@code otel.x.y} in system properties, then {@code OTEL_X_Y} in the environment. */
  public static String fromSystem(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return value;
  }

  public OpenTelemetrySdk sdk() {
    return sdk;
  }

  public String serviceName() {
    return serviceName;
  }

  /**
   * Whether a collector the SDK exports to accepts connections now; true when nothing is
   * exported over the network.
   */
  public boolean collectorReachable(int timeoutMillis) {
    return collectors.isEmpty() || CollectorProbe.anyReachable(collectors, timeoutMillis);
  }

  /**
   * What the exporters could not deliver, one line per signal, each said once: at shutdown, after
   * the SDK had its chance to flush.
   */
  public List<String> undelivered() {
    StringBuilder where = new StringBuilder();
    for (URI collector : new LinkedHashSet<>(collectors)) {
      where.append(where.length() == 0 ? "" : ", ").append(collector);
    }
    List<String> lines = new ArrayList<>(2);
    for (ExportLedger ledger : new ExportLedger[] {spans, logs}) {
      String line = ledger.report(where.toString());
      if (line != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Whether the user asked for a log exporter ({@code otel.logs.exporter}), off by default. */
  public boolean logsExported() {
    return logsExported;
  }
}
