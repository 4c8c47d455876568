package dev.envelope.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver for tests: accepts protobuf exports on {@code /v1/traces} and
 * {@code /v1/logs}, decodes them with the official {@code opentelemetry-proto} classes and keeps
 * them, as a collector would receive them.
 */
public final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
  private final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  public static OtlpReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext("/v1/traces", exchange -> receiver.handle(exchange, true));
    server.createContext("/v1/logs", exchange -> receiver.handle(exchange, false));
    server.start();
    return receiver;
  }

  /** {@code http://127.0.0.1:<port>}, for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<ExportTraceServiceRequest> traces() {
    return traces;
  }

  public List<ExportLogsServiceRequest> logs() {
    return logs;
  }

  public List<String> contentTypes() {
    return contentTypes;
  }

  /**
   * Every request body as received (after gzip, if any), traces and logs alike: protobuf keeps
   * strings as raw UTF-8, so a byte search finds any string the agent sent.
   */
  public List<byte[]> bodies() {
    return bodies;
  }

  private void handle(HttpExchange exchange, boolean isTraces) throws IOException {
    try (exchange) {
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      byte[] body;
      try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      bodies.add(body);
      byte[] answer;
      if (isTraces) {
        traces.add(ExportTraceServiceRequest.parseFrom(body));
        answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      } else {
        logs.add(ExportLogsServiceRequest.parseFrom(body));
        answer = ExportLogsServiceResponse.getDefaultInstance().toByteArray();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
