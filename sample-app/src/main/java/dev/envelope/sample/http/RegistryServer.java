package dev.envelope.sample.http;

import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.registry.ModelRegistry;
import dev.envelope.sample.serving.SequentialIds;
import java.io.IOException;
import java.net.URI;

/**
 * The model registry service on 127.0.0.1: {@code POST /registry/deployments}, answered for the
 * service tokens of {@link TokenAuthenticator#services()}. Shares the serving backend's HTTP frame
 * ({@code 400}/{@code 401}/{@code 403} before admission, JSON errors) and knows nothing of tracing.
 */
public final class RegistryServer implements AutoCloseable {

  /** The registration endpoint. */
  public static final String DEPLOYMENTS_PATH = "/registry/deployments";

  /** Worker threads. */
  public static final int THREADS = 4;

  private final LoopbackHttpService http;

  private RegistryServer(LoopbackHttpService http) {
    this.http = http;
  }

  /** Starts a registry with the service tokens and an empty catalog; port 0 picks a free one. */
  public static RegistryServer start(int port) throws IOException {
    return start(port, TokenAuthenticator.services(), ModelRegistry.standard());
  }

  /** Starts a registry over the given authenticator and registry; port 0 picks a free one. */
  public static RegistryServer start(int port, TokenAuthenticator authenticator,
      ModelRegistry registry) throws IOException {
    Router router = new Router()
        .route("POST", DEPLOYMENTS_PATH, new ApiHandler(authenticator, new SequentialIds("req-"),
            new RegisterDeploymentEndpoint(registry)));
    return new RegistryServer(LoopbackHttpService.start(port, router, THREADS, "registry-http-"));
  }

  /** The port actually bound. */
  public int port() {
    return http.port();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return http.baseUri();
  }

  /** Stops accepting, then lets running exchanges finish briefly before giving up on them. */
  @Override
  public void close() {
    http.close();
  }
}
