package dev.envelope.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * The OTLP/HTTP receiver in front of Zipkin, as an OpenTelemetry Collector with a Zipkin exporter
 * stands in front of it in production: accepts the agent's protobuf exports on {@code /v1/traces},
 * decodes them with the official {@code opentelemetry-proto} classes, translates each span to
 * Zipkin's v2 model following the OpenTelemetry specification's "OpenTelemetry to Zipkin
 * Transformation", and POSTs them to Zipkin's own collector ({@code /api/v2/spans}). The agent
 * gets a success only once Zipkin accepted the spans.
 *
 * <p>Zipkin server has no OTLP collector of its own, and the {@code zipkin-otel} server module that
 * adds one is not published to Maven Central; this keeps the agent exporting plain OTLP/HTTP.
 */
public final class OtlpZipkinRelay implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final String zipkinSpansUrl;
  private final Path copies;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final AtomicInteger exports = new AtomicInteger();
  private final AtomicInteger spansForwarded = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  private OtlpZipkinRelay(HttpServer server, String zipkinBaseUrl, Path copies) {
    this.server = server;
    this.zipkinSpansUrl = zipkinBaseUrl + "/api/v2/spans";
    this.copies = copies;
  }

  /**
   * Listens on a free loopback port and forwards to the Zipkin at {@code zipkinBaseUrl}; a copy of
   * each JSON batch sent to Zipkin is kept in {@code copies} ({@code zipkin-spans-<n>.json}).
   */
  public static OtlpZipkinRelay start(String zipkinBaseUrl, Path copies) throws IOException {
    Files.createDirectories(copies);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OtlpZipkinRelay relay = new OtlpZipkinRelay(server, zipkinBaseUrl, copies);
    server.createContext("/v1/traces", relay::handle);
    server.start();
    return relay;
  }

  /** {@code http://127.0.0.1:<port>}, for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** OTLP export requests received. */
  public int exports() {
    return exports.get();
  }

  /** Spans Zipkin accepted. */
  public int spansForwarded() {
    return spansForwarded.get();
  }

  /** Every request that could not be decoded or that Zipkin refused, with the reason. */
  public List<String> failures() {
    return failures;
  }

  public List<String> contentTypes() {
    return contentTypes;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      int n = exports.incrementAndGet();
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      ArrayNode zipkinSpans;
      try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
        zipkinSpans = toZipkin(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
      } catch (RuntimeException | IOException e) {
        failures.add("undecodable OTLP request: " + e);
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      String json = JSON.writeValueAsString(zipkinSpans);
      Files.writeString(copies.resolve("zipkin-spans-" + n + ".json"), json, StandardCharsets.UTF_8);
      HttpResponse<String> answer;
      try {
        answer = client.send(HttpRequest.newBuilder(URI.create(zipkinSpansUrl))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException | InterruptedException e) {
        failures.add("Zipkin unreachable: " + e);
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      if (answer.statusCode() / 100 != 2) {
        failures.add("Zipkin answered " + answer.statusCode() + ": " + answer.body());
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      spansForwarded.addAndGet(zipkinSpans.size());
      byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
      if (ok.length > 0) {
        exchange.getResponseBody().write(ok);
      }
    }
  }

  /** Zipkin v2 JSON spans for one OTLP export request. */
  static ArrayNode toZipkin(ExportTraceServiceRequest request) {
    ArrayNode out = NODES.arrayNode();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      String service = serviceName(rs.getResource());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          out.add(toZipkin(span, service, ss.getScope()));
        }
      }
    }
    return out;
  }

  private static String serviceName(Resource resource) {
    for (KeyValue kv : resource.getAttributesList()) {
      if (kv.getKey().equals("service.name")) {
        return kv.getValue().getStringValue();
      }
    }
    return "unknown_service";
  }

  private static ObjectNode toZipkin(Span span, String service, InstrumentationScope scope) {
    ObjectNode z = NODES.objectNode();
    z.put("traceId", Otlp.hex(span.getTraceId()));
    z.put("id", Otlp.hex(span.getSpanId()));
    if (!span.getParentSpanId().isEmpty()) {
      z.put("parentId", Otlp.hex(span.getParentSpanId()));
    }
    z.put("name", span.getName());
    switch (span.getKind()) {
      case SPAN_KIND_SERVER: z.put("kind", "SERVER"); break;
      case SPAN_KIND_CLIENT: z.put("kind", "CLIENT"); break;
      case SPAN_KIND_PRODUCER: z.put("kind", "PRODUCER"); break;
      case SPAN_KIND_CONSUMER: z.put("kind", "CONSUMER"); break;
      default: break; // INTERNAL and UNSPECIFIED: Zipkin has no kind for them
    }
    long startMicros = span.getStartTimeUnixNano() / 1000;
    z.put("timestamp", startMicros);
    z.put("duration", Math.max(1, span.getEndTimeUnixNano() / 1000 - startMicros));
    z.putObject("localEndpoint").put("serviceName", service);

    ObjectNode tags = z.putObject("tags");
    for (KeyValue kv : span.getAttributesList()) {
      tags.put(kv.getKey(), tagValue(kv.getValue()));
    }
    if (!scope.getName().isEmpty()) {
      tags.put("otel.scope.name", scope.getName());
    }
    if (!scope.getVersion().isEmpty()) {
      tags.put("otel.scope.version", scope.getVersion());
    }
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_OK) {
      tags.put("otel.status_code", "OK");
    } else if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      tags.put("otel.status_code", "ERROR");
      tags.put("error", span.getStatus().getMessage());
    }
    if (span.getDroppedAttributesCount() > 0) {
      tags.put("otel.dropped_attributes_count", Integer.toString(span.getDroppedAttributesCount()));
    }
    if (span.getDroppedEventsCount() > 0) {
      tags.put("otel.dropped_events_count", Integer.toString(span.getDroppedEventsCount()));
    }

    if (span.getEventsCount() > 0) {
      ArrayNode annotations = z.putArray("annotations");
      for (Span.Event event : span.getEventsList()) {
        String value = event.getName();
        if (event.getAttributesCount() > 0) {
          ObjectNode attributes = NODES.objectNode();
          event.getAttributesList().forEach(kv -> attributes.set(kv.getKey(), jsonValue(kv.getValue())));
          value = "\"" + event.getName() + "\":" + attributes;
        }
        annotations.addObject().put("timestamp", event.getTimeUnixNano() / 1000).put("value", value);
      }
    }
    return z;
  }

  /** Primitive values as their plain text; arrays and maps as JSON. */
  private static String tagValue(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE: return v.getStringValue();
      case BOOL_VALUE: return Boolean.toString(v.getBoolValue());
      case INT_VALUE: return Long.toString(v.getIntValue());
      case DOUBLE_VALUE: return Double.toString(v.getDoubleValue());
      case BYTES_VALUE: return Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      default: return jsonValue(v).toString();
    }
  }

  private static JsonNode jsonValue(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE: return NODES.textNode(v.getStringValue());
      case BOOL_VALUE: return NODES.booleanNode(v.getBoolValue());
      case INT_VALUE: return NODES.numberNode(v.getIntValue());
      case DOUBLE_VALUE: return NODES.numberNode(v.getDoubleValue());
      case BYTES_VALUE: return NODES.textNode(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
      case ARRAY_VALUE: {
        ArrayNode a = NODES.arrayNode();
        v.getArrayValue().getValuesList().forEach(e -> a.add(jsonValue(e)));
        return a;
      }
      case KVLIST_VALUE: {
        ObjectNode o = NODES.objectNode();
        v.getKvlistValue().getValuesList().forEach(kv -> o.set(kv.getKey(), jsonValue(kv.getValue())));
        return o;
      }
      default: return NODES.nullNode();
    }
  }


  @Override
  public void close() {
    server.stop(0);
  }
}
