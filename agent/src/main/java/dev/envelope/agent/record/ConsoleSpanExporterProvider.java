package dev.envelope.agent.record;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Makes {@code otel.traces.exporter=console} mean {@link ConsoleSpanExporter}. */
public final class ConsoleSpanExporterProvider implements ConfigurableSpanExporterProvider {
  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new ConsoleSpanExporter(System.out);
  }

  @Override
  public String getName() {
    return "console";
  }
}
