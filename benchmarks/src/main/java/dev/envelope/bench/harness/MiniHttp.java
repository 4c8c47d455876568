package dev.envelope.bench.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 connection over a raw socket to the sample backend: no client library, so nothing
 * on the harness side warms up, pools or gets in the way of what is measured. Keep-alive; one
 * request at a time.
 */
final class MiniHttp implements AutoCloseable {

  static final String DEPLOY_BODY = "{\"model\":\"llama-3.1-8b-instruct\",\"engine\":\"vllm\","
      + "\"gpu_count\":0.5,\"cpu\":4,\"memory_gb\":32,\"concurrency\":8,\"timeout_s\":30,"
      + "\"priority\":\"normal\"}";
  static final String INFERENCE_BODY = "{\"prompt\":\"Summarize the execution envelope paper in"
      + " one sentence.\",\"max_output_len\":256,\"temperature\":0.7,\"stream\":false,"
      + "\"priority\":\"normal\"}";
  private static final Pattern DEPLOYMENT_ID = Pattern.compile("\"deployment_id\"\\s*:\\s*\"([^\"]+)\"");

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** A status and body. */
  record Reply(int status, String body) {
    /** The {@code deployment_id} of a deploy's answer, or {@code null}. */
    String deploymentId() {
      Matcher m = DEPLOYMENT_ID.matcher(body);
      return m.find() ? m.group(1) : null;
    }
  }

  MiniHttp(int port, int connectTimeoutMillis) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), connectTimeoutMillis);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** {@code POST /serving/deploy_model} with the demo token and a half-GPU ask. */
  Reply deploy(String requestId) throws IOException {
    return send("POST", "/serving/deploy_model", requestId, DEPLOY_BODY);
  }

  /** {@code POST /inference/<id>}. */
  Reply infer(String deploymentId, String requestId) throws IOException {
    return send("POST", "/inference/" + deploymentId, requestId, INFERENCE_BODY);
  }

  /** {@code DELETE /serving/deployments/<id>}. */
  Reply delete(String deploymentId, String requestId) throws IOException {
    return send("DELETE", "/serving/deployments/" + deploymentId, requestId, null);
  }

  Reply send(String method, String path, String requestId, String body) throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(256)
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1\r\n")
        .append("Authorization: Bearer demo-token\r\n")
        .append("X-Tenant: acme\r\n")
        .append("X-Request-Id: ").append(requestId).append("\r\n")
        .append("X-Workspace: ws-7\r\n")
        .append("X-Audit-Level: full\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(content);
    out.flush();
    return read();
  }

  private Reply read() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("connection closed before a response");
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    long length = -1;
    boolean chunked = false;
    for (String h = line(); h != null && !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line().trim(), 16); size > 0;
          size = Integer.parseInt(line().trim(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
    } else if (length > 0) {
      body.write(in.readNBytes((int) length));
    }
    return new Reply(code, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
