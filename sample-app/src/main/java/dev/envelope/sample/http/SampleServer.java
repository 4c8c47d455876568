package dev.envelope.sample.http;

import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.registry.RegistryClient;
import dev.envelope.sample.serving.SequentialIds;
import dev.envelope.sample.serving.ServingApi;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.regex.Matcher;

/**
 * The HTTP server on 127.0.0.1: routes, a fixed pool of worker threads, start and stop. Each
 * instance owns its own inventory, registry and counters, so two fresh servers answer alike.
 */
public final class SampleServer implements AutoCloseable {

  /** The deploy endpoint. */
  public static final String DEPLOY_PATH = "/serving/deploy_model";

  /** The delete endpoint of one deployment (method {@code DELETE}). */
  public static final String DEPLOYMENT_PATH = "/serving/deployments/{deployment_id}";

  /** The inference endpoint of one deployment. */
  public static final String INFERENCE_PATH = "/inference/{deployment_id}";

  /** The evaluation job endpoint. */
  public static final String EVALUATION_JOBS_PATH = "/evaluation/jobs";

  /** The data transfer endpoint. */
  public static final String TRANSFERS_PATH = "/data/transfers";

  /** Worker threads; a bound pool keeps a burst of requests from spawning unbounded threads. */
  public static final int THREADS = 8;

  private final LoopbackHttpService http;

  private SampleServer(LoopbackHttpService http) {
    this.http = http;
  }

  /** Starts a server with the demo tokens and a fresh standard backend; port 0 picks a free one. */
  public static SampleServer start(int port) throws IOException {
    return start(port, TokenAuthenticator.demo(), Backend.standard());
  }

  /**
   * Starts a server with the demo tokens and a fresh standard backend whose deploys are listed with
   * the model registry through {@code registry} ({@code null}: none); port 0 picks a free one.
   */
  public static SampleServer start(int port, RegistryClient registry) throws IOException {
    return start(port, TokenAuthenticator.demo(), Backend.standard(registry));
  }

  /**
   * {@link #start(int, RegistryClient)} for a command line: when the port cannot be bound, says
   * so on {@code err} in one line and returns {@code null}.
   */
  public static SampleServer startOrSay(int port, RegistryClient registry, PrintStream err) {
    try {
      return start(port, registry);
    } catch (IOException e) {
      err.println("envelope-sample-app: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * Starts a server whose deploys go to {@code api} and whose other routes use a fresh standard
   * backend (see {@link Backend#withServing}); port 0 picks a free one.
   */
  public static SampleServer start(int port, TokenAuthenticator authenticator, ServingApi api)
      throws IOException {
    return start(port, authenticator, Backend.standard().withServing(api));
  }

  /** Starts a server over the given authenticator and backend; port 0 picks a free one. */
  public static SampleServer start(int port, TokenAuthenticator authenticator, Backend backend)
      throws IOException {
    // One sequence for the whole server, so generated request ids never repeat across routes.
    SequentialIds requestIds = new SequentialIds("req-");
    Router router = new Router()
        .route("POST", DEPLOY_PATH,
            new DeployModelHandler(authenticator, backend.serving(), requestIds))
        .route("DELETE", DEPLOYMENT_PATH, new ApiHandler(authenticator, requestIds,
            new DeleteDeploymentEndpoint(backend.maintenance())))
        .route("POST", INFERENCE_PATH, new ApiHandler(authenticator, requestIds,
            new InferenceEndpoint(backend.inference())))
        .route("POST", EVALUATION_JOBS_PATH, new ApiHandler(authenticator, requestIds,
            new EvaluationEndpoint(backend.evaluation())))
        .route("POST", TRANSFERS_PATH, new ApiHandler(authenticator, requestIds,
            new TransferEndpoint(backend.transfers())));
    return new SampleServer(LoopbackHttpService.start(port, router, THREADS, "sample-http-"));
  }

  /** {@code path} with its {@code {name}} segment replaced by {@code value}, e.g. an inference path. */
  public static String expand(String path, String value) {
    return path.replaceFirst("\\{[a-z_]+}", Matcher.quoteReplacement(value));
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
