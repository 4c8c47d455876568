package dev.envelope.sample.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sends scripted requests one after another, so their order, and thus every answer, is fixed. */
public final class DemoClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder()
      // HTTP/1.1: the JDK server does not speak HTTP/2, so skip the upgrade attempt.
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();

  /**
   * Sends {@code requests} in order, each to its path resolved against {@code server} (any URI of
   * the server will do, e.g. its base URI).
   *
   * @throws IOException when a request gets no HTTP answer at all
   */
  public List<DemoOutcome> send(URI server, List<DemoRequest> requests)
      throws IOException, InterruptedException {
    List<DemoOutcome> outcomes = new ArrayList<>();
    for (DemoRequest request : requests) {
      HttpResponse<String> response = http.send(toHttp(server, request),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      outcomes.add(new DemoOutcome(request, response.statusCode(), response.body()));
    }
    return outcomes;
  }

  private static HttpRequest toHttp(URI server, DemoRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(request.path()))
        .timeout(TIMEOUT);
    if (request.body() == null) {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", "application/json")
          .method(request.method(),
              HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    }
    if (request.token() != null) {
      builder.header("Authorization", "Bearer " + request.token());
    }
    setIfPresent(builder, "X-Tenant", request.tenant());
    setIfPresent(builder, "X-Workspace", request.workspace());
    setIfPresent(builder, "X-Audit-Level", request.auditLevel());
    request.headers().forEach(builder::header);
    return builder.build();
  }

  private static void setIfPresent(HttpRequest.Builder builder, String name, String value) {
    if (value != null) {
      builder.header(name, value);
    }
  }
}
