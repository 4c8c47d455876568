package dev.envelope.it.targets;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.Envelopes;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Extension;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Granted;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.annotations.Sensitive;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Credentials everywhere an application puts them: headers, bodies, nested fields, maps, lists,
 * {@code @Sensitive} parameters, fields, getters and record components, grants, extensions and
 * exception messages. The secrets come from a file (never the command line, which OpenTelemetry
 * may export as a resource attribute); this program prints only outcomes, never a secret, so any
 * secret in the output came from the agent.
 *
 * <p>Arguments: the secrets file, then the modes to run ({@code ok}, or how to fail).
 */
public final class SecretsMain {
  private SecretsMain() {}

  static Properties secrets;

  static String s(String name) {
    String value = secrets.getProperty(name);
    if (value == null) {
      throw new IllegalArgumentException("no secret " + name);
    }
    return value;
  }

  /** Who asks; the identity is not secret, the session is. */
  public record Identity(String requesterUrn, String tenantId, String requestId) {}

  public record Credentials(String username, String password) {}

  public record Auth(String mode, String clientSecret) {}

  public record Config(String region, Auth auth) {}

  public record Account(String name, String password) {}

  /** A request body as a JSON binder would produce it. */
  public record Body(String model, String password, String apiKey, String token, String secret,
      String clientSecret, String privateKey, Credentials credentials, Config config,
      Map<String, Object> settings, List<Account> accounts, List<String> tags) {}

  /** A component marked sensitive, and one named by {@code envelope.redact.keys}. */
  public record Policy(String auditLevel, @Sensitive String approvalCode, String ssn) {}

  /** A sensitive field covers its getter; a sensitive getter hides itself. */
  public static final class Signer {
    @Sensitive private final String otp;
    private final String signingKey;
    private final String algorithm;

    Signer(String otp, String signingKey, String algorithm) {
      this.otp = otp;
      this.signingKey = signingKey;
      this.algorithm = algorithm;
    }

    public String getOtp() {
      return otp;
    }

    @Sensitive
    public String getSigningKey() {
      return signingKey;
    }

    public String getAlgorithm() {
      return algorithm;
    }
  }

  public record VaultOptions(String address, String vaultToken, int ttlSeconds) {}

  public record Lease(String node, String backend, String leaseToken, Map<String, Object> extra) {}

  public record Result(String status, String node, String refreshToken) {}

  /** The grant steps. */
  static final class Vault {
    @Grant(resolution = "node")
    Lease lease(Body body, String mode) {
      if (mode.equals("grant")) {
        throw new IllegalStateException("vault refused client_secret=" + s("msg.grant"));
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("access_key_secret", s("grant.access_key_secret"));
      extra.put("zone", "eu-1");
      return new Lease("node-" + body.model().length(), "vault", s("grant.lease_token"), extra);
    }

    @Grant
    void issue(@Granted("api_key") String issuedKey, @Granted("quota") int quota) {}
  }

  /** The admission under test. */
  public static final class Service {
    private final Vault vault = new Vault();

    @ExecutionAdmission(kind = ExecutionKind.AGENT_ACTION, service = "secrets", operation = "handle")
    public Result handle(@Caller Identity identity,
        @Caller("headers") Map<String, String> headers,
        @Caller("session_token") String sessionToken,
        @Requested Body body,
        @Requested("pin") @Sensitive String pin,
        @Scope("workspace_id") String workspace,
        @Governance Policy policy,
        @Governance("signer") Signer signer,
        @Extension("secrets.vault") VaultOptions vault,
        @Extension("secrets.cache") @Sensitive Map<String, String> sessionsByToken,
        String mode) {
      Lease lease = this.vault.lease(body, mode);
      this.vault.issue(s("grant.issued_api_key"), 10);
      Map<String, Object> ext = new LinkedHashMap<>();
      ext.put("refresh_token", s("ext.refresh_token"));
      ext.put("region", "eu");
      Envelopes.addExtension("secrets.api", ext);
      Envelopes.addExtension("secrets.api", "password", s("ext.password"));
      switch (mode) {
        case "ok":
          return new Result("ok", lease.node(), s("result.refresh_token"));
        case "password":
          throw new IllegalStateException("login failed for password=" + s("msg.password"));
        case "bearer":
          throw new IllegalStateException("upstream said 401 to Authorization: Bearer "
              + s("msg.bearer"));
        case "bare_session":
          throw new IllegalArgumentException("no session for " + sessionToken + " in " + workspace);
        case "bare_pin":
          throw new IllegalArgumentException("pin " + pin + " rejected");
        case "spaced":
          throw new IllegalStateException("bad passphrase: password=\"" + s("msg.spaced_a") + " "
              + s("msg.spaced_b") + "\" for " + identity.requesterUrn());
        case "json":
          throw new IllegalStateException("upstream answered {\"error\":\"denied\",\"credentials\":"
              + "{\"user\":\"svc\",\"pin\":\"" + s("msg.json_pin") + "\"},\"client_secret\":\""
              + s("msg.json_secret") + "\"}");
        case "header":
          throw new IllegalStateException("rejected X-Api-Key: " + s("msg.x_api_key") + "; Cookie: sid="
              + s("msg.cookie"));
        case "custom":
          throw new IllegalStateException("iban: " + s("msg.iban") + " not allowed");
        case "scheme":
          throw new IllegalStateException("authorization: Token " + s("msg.scheme") + " expired");
        case "url":
          throw new IllegalStateException("cannot reach https://svc:" + s("msg.url")
              + "@vault.internal/v1");
        case "cause":
          throw new RuntimeException(new IllegalStateException("vault: token=" + s("msg.cause")));
        default:
          throw new IllegalArgumentException("unknown mode");
      }
    }

    @ExecutionAdmission(kind = ExecutionKind.AGENT_ACTION, service = "secrets",
        operation = "handle_async")
    public CompletionStage<Result> handleAsync(@Caller("session_token") String sessionToken,
        @Requested("api_key") String apiKey, String mode) {
      if (mode.equals("async_bare")) {
        return CompletableFuture.supplyAsync(() -> {
          throw new IllegalStateException("session " + sessionToken + " expired");
        });
      }
      return CompletableFuture.supplyAsync(() -> {
        throw new IllegalStateException("api_key=" + s("msg.async") + " revoked");
      });
    }
  }

  public static void main(String[] args) throws Exception {
    secrets = new Properties();
    try (Reader in = Files.newBufferedReader(Paths.get(args[0]), StandardCharsets.UTF_8)) {
      secrets.load(in);
    }
    Service service = new Service();
    for (int i = 1; i < args.length; i++) {
      String mode = args[i];
      if (mode.startsWith("async")) {
        try {
          service.handleAsync(s("arg.session_token"), s("arg.async_api_key"), mode)
              .toCompletableFuture().get(10, TimeUnit.SECONDS);
          System.out.println(mode + " -> returned");
        } catch (Exception e) {
          System.out.println(mode + " -> threw " + e.getClass().getSimpleName());
        }
        continue;
      }
      try {
        Result r = call(service, mode);
        System.out.println(mode + " -> " + r.status() + " on " + r.node());
      } catch (RuntimeException e) {
        // The type only: the message carries the secret, and this program must not print one.
        System.out.println(mode + " -> threw " + e.getClass().getSimpleName());
      }
    }
  }

  private static Result call(Service service, String mode) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + s("header.authorization"));
    headers.put("Cookie", "sid=" + s("header.cookie"));
    headers.put("X-Api-Key", s("header.x_api_key"));
    headers.put("X-Request-Id", "req-" + mode);
    Map<String, Object> oauth = new LinkedHashMap<>();
    oauth.put("refresh_token", s("body.settings.oauth.refresh_token"));
    oauth.put("issuer", "https://idp.example");
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("db_password", s("body.settings.db_password"));
    settings.put("oauth", oauth);
    settings.put("region", "eu");
    settings.put("internal_sig", s("body.settings.internal_sig"));
    Body body = new Body("llama-3", s("body.password"), s("body.api_key"), s("body.token"),
        s("body.secret"), s("body.client_secret"), s("body.private_key"),
        new Credentials("svc-user", s("body.credentials.password")),
        new Config("eu", new Auth("oauth", s("body.config.auth.client_secret"))),
        settings,
        List.of(new Account("a", s("body.accounts.password"))),
        List.of("t1", "t2"));
    Map<String, String> sessions = new LinkedHashMap<>();
    sessions.put(s("ext.cache_key"), "urn:user:alice");
    return service.handle(new Identity("urn:user:alice", "acme", "req-" + mode), headers,
        s("arg.session_token"), body, s("arg.pin"), "ws-7",
        new Policy("full", s("policy.approval_code"), s("policy.ssn")),
        new Signer(s("signer.otp"), s("signer.signing_key"), "ed25519"),
        new VaultOptions("https://vault.internal", s("vault.vault_token"), 60),
        sessions, mode);
  }
}
