package dev.envelope.sample.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A blocking HTTP/1.1 client for tests, with the headers the endpoints read. */
final class TestHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private TestHttp() {}

  static HttpResponse<String> post(SampleServer server, String token, String tenant, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(server, SampleServer.DEPLOY_PATH)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (tenant != null) {
      builder.header("X-Tenant", tenant);
    }
    return send(builder.build());
  }

  /**
   * Sends {@code method} to {@code path} as {@code token} (or none) for {@code tenant} (or no
   * header), with {@code body} (or none) and further header name/value pairs.
   */
  static HttpResponse<String> call(SampleServer server, String method, String path, String token,
      String tenant, String body, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(server, path).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (tenant != null) {
      builder.header("X-Tenant", tenant);
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.build());
  }

  /** Deploys {@code body} as alice of acme and returns the answer. */
  static HttpResponse<String> deploy(SampleServer server, String body)
      throws IOException, InterruptedException {
    return post(server, "demo-token", "acme", body);
  }

  static HttpRequest.Builder request(SampleServer server, String path) {
    return HttpRequest.newBuilder(URI.create(server.baseUri() + path))
        .timeout(Duration.ofSeconds(10));
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
