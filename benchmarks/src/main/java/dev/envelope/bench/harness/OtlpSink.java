package dev.envelope.bench.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * A local OTLP/HTTP "collector" that answers 200 to every POST ({@code /v1/traces},
 * {@code /v1/metrics}, {@code /v1/logs}) with an empty protobuf response, so an exporter pays its
 * full cost (encoding, HTTP) and nothing is kept. It counts requests and the spans it received by
 * name (a minimal protobuf walk), so a run can say how many spans were exported. The benchmark
 * forks also report how many calls they made ({@code POST /bench/calls}, body {@code <name> <n>}).
 */
public final class OtlpSink implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, LongAdder> spansByName = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requestsByPath = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> callsByBenchmark = new ConcurrentHashMap<>();
  private final LongAdder bytes = new LongAdder();

  private OtlpSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a sink on 127.0.0.1 ({@code port} 0: a free one). */
  public static OtlpSink start(int port) throws IOException {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "otlp-sink");
      t.setDaemon(true);
      return t;
    });
    OtlpSink sink = new OtlpSink(server, executor);
    server.createContext("/", sink::handle);
    server.setExecutor(executor);
    server.start();
    return sink;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}, for {@code otel.exporter.otlp.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      bytes.add(body.length);
      String path = exchange.getRequestURI().getPath();
      requestsByPath.computeIfAbsent(path, k -> new LongAdder()).increment();
      if (path.equals("/bench/calls")) {
        String[] parts = new String(body, StandardCharsets.UTF_8).trim().split(" ");
        callsByBenchmark.computeIfAbsent(parts[0], k -> new LongAdder())
            .add(Long.parseLong(parts[1]));
      } else if (path.endsWith("/v1/traces")) {
        try {
          if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
              body = in.readAllBytes();
            }
          }
          countSpans(body);
        } catch (RuntimeException | IOException e) {
          requestsByPath.computeIfAbsent("undecodable", k -> new LongAdder()).increment();
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** ExportTraceServiceRequest: resource_spans(1) → scope_spans(2) → spans(2) → name(5). */
  private void countSpans(byte[] message) {
    Proto request = new Proto(message, 0, message.length);
    while (request.next()) {
      if (request.field == 1 && request.wire == 2) {
        Proto resourceSpans = request.sub();
        while (resourceSpans.next()) {
          if (resourceSpans.field == 2 && resourceSpans.wire == 2) {
            Proto scopeSpans = resourceSpans.sub();
            while (scopeSpans.next()) {
              if (scopeSpans.field == 2 && scopeSpans.wire == 2) {
                Proto span = scopeSpans.sub();
                String name = "?";
                while (span.next()) {
                  if (span.field == 5 && span.wire == 2) {
                    name = new String(span.buf, span.valueStart, span.valueLength,
                        StandardCharsets.UTF_8);
                  }
                }
                spansByName.computeIfAbsent(name, k -> new LongAdder()).increment();
              }
            }
          }
        }
      }
    }
  }

  /** Spans received so far, by name. */
  public Map<String, Long> spans() {
    return snapshot(spansByName);
  }

  /** Requests received so far, by path. */
  public Map<String, Long> requests() {
    return snapshot(requestsByPath);
  }

  /** Calls the benchmark forks reported, by benchmark. */
  public Map<String, Long> calls() {
    return snapshot(callsByBenchmark);
  }

  public long bytes() {
    return bytes.sum();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Walks the fields of one protobuf message. */
  private static final class Proto {
    final byte[] buf;
    int pos;
    final int end;
    int field;
    int wire;
    int valueStart;
    int valueLength;

    Proto(byte[] buf, int start, int end) {
      this.buf = buf;
      this.pos = start;
      this.end = end;
    }

    boolean next() {
      if (pos >= end) {
        return false;
      }
      long key = varint();
      field = (int) (key >>> 3);
      wire = (int) (key & 7);
      switch (wire) {
        case 0:
          varint();
          break;
        case 1:
          pos += 8;
          break;
        case 2:
          valueLength = (int) varint();
          valueStart = pos;
          pos += valueLength;
          break;
        case 5:
          pos += 4;
          break;
        default:
          throw new IllegalArgumentException("wire type " + wire);
      }
      if (pos > end) {
        throw new IllegalArgumentException("truncated");
      }
      return true;
    }

    Proto sub() {
      return new Proto(buf, valueStart, valueStart + valueLength);
    }

    private long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buf[pos++];
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("varint");
    }
  }

  /** Runs a sink until killed: {@code OtlpSink [port]}. */
  public static void main(String[] args) throws Exception {
    OtlpSink sink = start(args.length > 0 ? Integer.parseInt(args[0]) : 4318);
    System.out.println("otlp sink listening on " + sink.endpoint());
    Thread.currentThread().join();
  }
}
