package dev.envelope.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OtelSetupTest {

  private static Function<String, String> settings(Map<String, String> values) {
    return values::get;
  }

  @Test
  void withoutAnOtlpEndpointSpansGoToTheConsole() {
    Map<String, String> d = OtelSetup.defaults(settings(Map.of()), "sample-app");
    assertThat(d).containsEntry("otel.traces.exporter", "console")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none")
        .containsEntry("otel.service.name", "sample-app");
  }

  @Test
  void anOtlpEndpointLeavesTheExporterToTheSdkDefault() {
    Map<String, String> generic = OtelSetup.defaults(
        settings(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318")), "svc");
    assertThat(generic).doesNotContainKey("otel.traces.exporter")
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf");
    Map<String, String> traces = OtelSetup.defaults(
        settings(Map.of("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces")),
        "svc");
    assertThat(traces).doesNotContainKey("otel.traces.exporter");
  }

  @Test
  void theServiceNameDefaultStepsAsideForResourceAttributes() {
    Map<String, String> named = OtelSetup.defaults(
        settings(Map.of("otel.resource.attributes", "deployment.environment=prod,service.name=api")),
        "fallback");
    assertThat(named).doesNotContainKey("otel.service.name");
    Map<String, String> other = OtelSetup.defaults(
        settings(Map.of("otel.resource.attributes", "service.namespace=acme")), "fallback");
    assertThat(other).containsEntry("otel.service.name", "fallback");
  }

  @Test
  void spanAttributeLimitsLeaveRoomForFullFamilies() {
    Map<String, String> d = OtelSetup.defaults(settings(Map.of()), "svc");
    assertThat(Integer.parseInt(d.get("otel.span.attribute.count.limit")))
        .isGreaterThanOrEqualTo(7 * 64);
  }

  @Test
  void createBuildsAPrivateSdkNamedAfterTheFallback() {
    // SDK autoconfiguration also reads the real environment: skip where it names the service.
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OTEL_SERVICE_NAME") == null
        && System.getenv("OTEL_RESOURCE_ATTRIBUTES") == null
        && System.getProperty("otel.service.name") == null);
    OtelSetup setup = OtelSetup.create(p -> null, "envelope-test-service");
    try {
      assertThat(setup.serviceName()).isEqualTo("envelope-test-service");
      Span span = setup.sdk().getTracer("test").spanBuilder("s").startSpan();
      assertThat(span.getSpanContext().isValid()).isTrue();
      span.end();
      assertThat(io.opentelemetry.api.GlobalOpenTelemetry.get().getTracer("x")
          .spanBuilder("y").startSpan().getSpanContext().isValid())
          .as("the agent's SDK is never registered as the global one").isFalse();
    } finally {
      setup.sdk().shutdown();
    }
  }

  @Test
  void theCollectorsAreWhereTheOtlpExportersSend() {
    assertThat(OtelSetup.otlpEndpoints(DefaultConfigProperties.createFromMap(Map.of(
        "otel.traces.exporter", "otlp", "otel.logs.exporter", "otlp",
        "otel.exporter.otlp.endpoint", "http://collector:4318",
        "otel.exporter.otlp.logs.endpoint", "http://logs:9999/v1/logs"))))
        .containsExactly(URI.create("http://collector:4318"), URI.create("http://logs:9999/v1/logs"));
    assertThat(OtelSetup.otlpEndpoints(DefaultConfigProperties.createFromMap(Map.of(
        "otel.traces.exporter", "console", "otel.logs.exporter", "none")))).isEmpty();
    // The SDK's own defaults: OTLP traces over gRPC to localhost:4317 unless told otherwise.
    assertThat(OtelSetup.otlpEndpoints(DefaultConfigProperties.createFromMap(Map.of(
        "otel.logs.exporter", "none")))).containsExactly(URI.create("http://localhost:4317"));
    assertThat(OtelSetup.otlpEndpoints(DefaultConfigProperties.createFromMap(Map.of(
        "otel.logs.exporter", "none", "otel.exporter.otlp.protocol", "http/protobuf"))))
        .containsExactly(URI.create("http://localhost:4318"));
  }

  @Test
  void aCollectorIsReachableOnlyWhenSomethingListens() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      URI up = URI.create("http://127.0.0.1:" + listening.getLocalPort());
      assertThat(CollectorProbe.reachable(up, 1_000)).isTrue();
    }
    int closedPort;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = gone.getLocalPort();
    }
    URI down = URI.create("http://127.0.0.1:" + closedPort + "/v1/traces");
    assertThat(CollectorProbe.reachable(down, 1_000)).isFalse();
    assertThat(CollectorProbe.anyReachable(List.of(down), 1_000)).isFalse();
    assertThat(CollectorProbe.anyReachable(List.of(), 1_000)).isFalse();
  }
}
