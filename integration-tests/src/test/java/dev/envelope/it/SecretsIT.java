package dev.envelope.it;

import static dev.envelope.it.support.Otlp.attributes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.Http;
import dev.envelope.it.support.OtlpReceiver;
import dev.envelope.it.support.SampleBackend;
import dev.envelope.it.targets.SecretsMain;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, case 4: credentials placed in headers, bodies, nested fields, map entries, lists,
 * {@code @Sensitive} parameters, fields, getters and record components, grant results, extensions
 * and exception messages never reach the events file, stdout, stderr or any OTLP request (traces
 * and logs, searched as raw bytes), with debug output and stdout events on to make it harder; and
 * {@code redacted} names every key that was hidden.
 *
 * <p>Each secret is a fresh random value, so a hit can only be a leak. A secret used as a map key
 * is not among them: a key is a name by contract, and an application that keys a map by credential
 * marks that argument {@code @Sensitive} (as {@code secrets.cache} here does).
 */
class SecretsIT {
  static final String[] MODES = {"ok", "password", "bearer", "bare_session", "bare_pin", "spaced",
    "json", "header", "custom", "scheme", "url", "cause", "grant", "async", "async_bare"};
  static final String[] NAMES = {
    "header.authorization", "header.cookie", "header.x_api_key",
    "arg.session_token", "arg.pin", "arg.async_api_key",
    "body.password", "body.api_key", "body.token", "body.secret", "body.client_secret",
    "body.private_key", "body.credentials.password", "body.config.auth.client_secret",
    "body.settings.db_password", "body.settings.oauth.refresh_token", "body.settings.internal_sig",
    "body.accounts.password",
    "policy.approval_code", "policy.ssn", "signer.otp", "signer.signing_key",
    "vault.vault_token", "ext.cache_key", "ext.refresh_token", "ext.password",
    "grant.access_key_secret", "grant.lease_token", "grant.issued_api_key",
    "result.refresh_token",
    "msg.password", "msg.bearer", "msg.spaced_a", "msg.spaced_b", "msg.json_pin",
    "msg.json_secret", "msg.x_api_key", "msg.cookie", "msg.iban", "msg.scheme", "msg.url",
    "msg.cause", "msg.grant", "msg.async"};

  static final Map<String, String> secrets = new LinkedHashMap<>();
  static OtlpReceiver receiver;
  static Path dir;
  static Events events;
  static String stdout;
  static String stderr;
  static final List<Span> spans = new ArrayList<>();
  static final List<LogRecord> logs = new ArrayList<>();

  @BeforeAll
  static void run() throws Exception {
    for (String name : NAMES) {
      secrets.put(name, randomSecret());
    }
    Path input = ForkedJvm.newWorkDir("secrets-input").resolve("secrets.properties");
    writeSecrets(input, secrets);
    receiver = OtlpReceiver.start();
    dir = ForkedJvm.newWorkDir("secrets");
    List<String> args = new ArrayList<>(List.of(input.toString()));
    args.addAll(List.of(MODES));
    try (ForkedJvm jvm = ForkedJvm.builder(dir)
        .withAgent("events.stdout=true,debug=true,redact.keys=ssn|iban|internal_sig")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .env("OTEL_SERVICE_NAME", "secrets")
        .env("OTEL_LOGS_EXPORTER", "otlp")
        .mainClass(ForkedJvm.testClassPath(), SecretsMain.class.getName())
        .args(args.toArray(new String[0])).start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as(jvm.stderr()).isZero();
      stdout = jvm.stdout();
      stderr = jvm.stderr();
    }
    events = Events.read(dir.resolve("envelope-events.jsonl"));
    receiver.traces().forEach(r -> r.getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
        .forEach(ss -> spans.addAll(ss.getSpansList()))));
    receiver.logs().forEach(r -> r.getResourceLogsList().forEach(rl -> rl.getScopeLogsList()
        .forEach(sl -> logs.addAll(sl.getLogRecordsList()))));
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  /** 32 random hex digits: no delimiter a scrubber could stop at, and never found by chance. */
  static String randomSecret() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  static void writeSecrets(Path file, Map<String, String> values) throws IOException {
    Properties p = new Properties();
    p.putAll(values);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, null);
    }
  }

  /** Where a secret, or either half of it (a leak cut short), shows up in {@code bytes}. */
  static List<String> leaks(String channel, byte[] bytes, Map<String, String> secrets) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte for byte: hex is ASCII
    List<String> found = new ArrayList<>();
    secrets.forEach((name, value) -> {
      if (text.contains(value) || text.contains(value.substring(0, 16))
          || text.contains(value.substring(16))) {
        found.add(name + " in " + channel);
      }
    });
    return found;
  }

  static JsonNode last(String requestId) {
    List<JsonNode> es = events.forRequest(requestId);
    return es.get(es.size() - 1).get("envelope");
  }

  static List<JsonNode> asyncEnvelopes() {
    return events.forOperation("handle_async").stream().map(es -> es.get(es.size() - 1)
        .get("envelope")).collect(Collectors.toList());
  }

  @Test
  void everyModeRanAndThrewWhatTheApplicationThrew() {
    assertThat(stdout).contains("ok -> ok on node-7");
    for (String mode : MODES) {
      if (!mode.equals("ok")) {
        String type = mode.equals("cause") ? "RuntimeException"
            : mode.startsWith("bare") ? "IllegalArgumentException"
            : mode.startsWith("async") ? "ExecutionException" : "IllegalStateException";
        assertThat(stdout).contains(mode + " -> threw " + type);
      }
    }
    assertThat(events.byEnvelope()).hasSize(MODES.length);
    assertThat(stderr).as("debug output is on").contains("[envelope-agent] ");
    assertThat(stderr).doesNotContain("[envelope-agent] WARN");
  }

  @Test
  void noSecretReachesAnyFileStdoutStderrOrOtlpRequest() throws Exception {
    List<String> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
    }
    assertThat(files).contains(dir.resolve("envelope-events.jsonl"), dir.resolve("stdout.txt"),
        dir.resolve("stderr.txt"));
    for (Path file : files) {
      found.addAll(leaks(dir.relativize(file).toString(), Files.readAllBytes(file), secrets));
    }
    List<byte[]> bodies = receiver.bodies();
    assertThat(receiver.traces()).isNotEmpty();
    assertThat(receiver.logs()).isNotEmpty();
    assertThat(bodies).hasSize(receiver.traces().size() + receiver.logs().size());
    for (int i = 0; i < bodies.size(); i++) {
      found.addAll(leaks("OTLP request " + i, bodies.get(i), secrets));
    }
    assertThat(found).isEmpty();
    System.out.printf("searched %d secrets in %d files and %d OTLP requests (%d traces, %d logs)%n",
        secrets.size(), files.size(), bodies.size(), receiver.traces().size(),
        receiver.logs().size());
    // The search itself works: what the agent did send is found the same way.
    String all = bodies.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1))
        .collect(Collectors.joining());
    assertThat(all).contains("[REDACTED]", "urn:user:alice", "login failed for password=",
        events.forRequest("req-ok").get(0).get("envelope_id").asText());
    assertThat(stdout).as("events on stdout").contains("\"envelope.finalized\"", "[REDACTED]");
  }

  @Test
  void redactedNamesEveryHiddenKey() {
    JsonNode e = last("req-ok");
    assertThat(e.get("phase").asText()).isEqualTo("finalized");
    List<String> redacted = new ArrayList<>();
    e.get("redacted").forEach(n -> redacted.add(n.asText()));
    assertThat(redacted).containsExactlyInAnyOrder(
        "caller.headers.authorization", "caller.headers.cookie", "caller.headers.x_api_key",
        "caller.session_token",
        "requested.password", "requested.api_key", "requested.token", "requested.secret",
        "requested.client_secret", "requested.private_key", "requested.credentials",
        "requested.config.auth.client_secret", "requested.settings.db_password",
        "requested.settings.oauth.refresh_token", "requested.settings.internal_sig",
        "requested.pin",
        "governance.approval_code", "governance.ssn", "governance.signer.otp",
        "governance.signer.signing_key",
        "extensions.secrets.vault.vault_token", "extensions.secrets.cache.sessions_by_token",
        "extensions.secrets.api.refresh_token", "extensions.secrets.api.password",
        "granted.lease_token", "granted.extra.access_key_secret", "granted.api_key",
        "resolution.refresh_token");
    for (String key : redacted) {
      String[] parts = key.split("\\.", 2);
      JsonNode value = parts[0].equals("extensions")
          ? extensionValue(e.get("extensions"), parts[1]) : e.get(parts[0]).get(parts[1]);
      assertThat(value).as(key).isNotNull();
      assertThat(value.asText()).as(key).isEqualTo("[REDACTED]");
    }
    // What is not secret is still there, next to what is.
    assertThat(e.at("/caller/headers.x_request_id").asText()).isEqualTo("req-ok");
    assertThat(e.at("/requested/credentials").asText()).isEqualTo("[REDACTED]");
    assertThat(e.at("/requested/config.auth.mode").asText()).isEqualTo("oauth");
    assertThat(e.at("/requested/settings.oauth.issuer").asText()).isEqualTo("https://idp.example");
    assertThat(e.at("/governance/signer.algorithm").asText()).isEqualTo("ed25519");
    assertThat(e.at("/granted/extra.zone").asText()).isEqualTo("eu-1");
    assertThat(e.at("/resolution/node").asText()).isEqualTo("node-7");
  }

  private static JsonNode extensionValue(JsonNode extensions, String nsAndKey) {
    for (var it = extensions.fields(); it.hasNext(); ) {
      var ns = it.next();
      if (nsAndKey.startsWith(ns.getKey() + ".")) {
        JsonNode v = ns.getValue().get(nsAndKey.substring(ns.getKey().length() + 1));
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  @Test
  void failureReasonsKeepTheirContextWithoutTheCredential() {
    Map<String, String> reasons = new LinkedHashMap<>();
    for (String mode : MODES) {
      if (!mode.equals("ok") && !mode.startsWith("async")) {
        JsonNode e = last("req-" + mode);
        assertThat(e.get("phase").asText()).as(mode).isEqualTo("failed");
        reasons.put(mode, e.at("/failure/reason").asText());
      }
    }
    assertThat(reasons.get("password")).isEqualTo("login failed for password=[REDACTED]");
    assertThat(reasons.get("bearer"))
        .isEqualTo("upstream said 401 to Authorization: Bearer [REDACTED]");
    assertThat(reasons.get("bare_session")).isEqualTo("no session for [REDACTED] in ws-7");
    assertThat(reasons.get("bare_pin")).isEqualTo("pin [REDACTED] rejected");
    assertThat(reasons.get("spaced"))
        .isEqualTo("bad passphrase: password=\"[REDACTED]\" for urn:user:alice");
    assertThat(reasons.get("json")).isEqualTo("upstream answered {\"error\":\"denied\","
        + "\"credentials\":[REDACTED],\"client_secret\":\"[REDACTED]\"}");
    assertThat(reasons.get("header")).isEqualTo("rejected X-Api-Key: [REDACTED]; Cookie: [REDACTED]");
    assertThat(reasons.get("custom")).isEqualTo("iban: [REDACTED] not allowed");
    assertThat(reasons.get("scheme")).isEqualTo("authorization: Token [REDACTED] expired");
    assertThat(reasons.get("url")).isEqualTo("cannot reach https://svc:[REDACTED]@vault.internal/v1");
    assertThat(reasons.get("cause")).isEqualTo("java.lang.IllegalStateException: vault: token=[REDACTED]");
    assertThat(reasons.get("grant")).isEqualTo("vault refused client_secret=[REDACTED]");
    assertThat(last("req-grant").at("/failure/stage").asText()).isEqualTo("resolution");
    assertThat(asyncEnvelopes()).extracting(e -> e.at("/failure/reason").asText())
        .containsExactlyInAnyOrder("api_key=[REDACTED] revoked", "session [REDACTED] expired");
  }

  @Test
  void spansCarryTheScrubbedExceptionAndRedactedAttributes() {
    assertThat(spans).hasSize(MODES.length);
    for (List<JsonNode> es : events.byEnvelope().values()) {
      JsonNode e = es.get(es.size() - 1).get("envelope");
      Span span = spans.stream().filter(s -> e.get("envelope_id").asText()
          .equals(attributes(s.getAttributesList()).get("envelope.id").getStringValue()))
          .findFirst().orElseThrow();
      Map<String, AnyValue> a = attributes(span.getAttributesList());
      assertThat(a.get("envelope.caller.session_token").getStringValue()).isEqualTo("[REDACTED]");
      if (e.get("phase").asText().equals("failed")) {
        String reason = e.at("/failure/reason").asText();
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.getStatus().getMessage()).isEqualTo(reason);
        assertThat(a.get("envelope.failure.reason").getStringValue()).isEqualTo(reason);
        var exception = span.getEventsList().stream().filter(ev -> ev.getName().equals("exception"))
            .findFirst().orElseThrow();
        Map<String, AnyValue> ea = attributes(exception.getAttributesList());
        assertThat(ea.get("exception.message").getStringValue()).isEqualTo(reason);
        assertThat(ea).doesNotContainKey("exception.stacktrace");
      }
    }
    assertThat(logs).hasSize(events.size());
  }

  /**
   * The sample backend as shipped: its bearer token ({@code @Sensitive} record component) and
   * source credential ({@code @Sensitive} parameter) are redacted; cookies, API keys and body
   * fields it never binds are never captured at all.
   */
  @Test
  void theSampleBackendNeverWritesItsCredentials() throws Exception {
    Map<String, String> sample = new LinkedHashMap<>();
    sample.put("cookie", randomSecret());
    sample.put("x_api_key", randomSecret());
    sample.put("body.password", randomSecret());
    sample.put("source_credential", randomSecret());
    Path sampleDir = ForkedJvm.newWorkDir("secrets-sample");
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer demo-token");
    h.put("Cookie", "sid=" + sample.get("cookie"));
    h.put("X-Api-Key", sample.get("x_api_key"));
    h.put("X-Tenant", "acme");
    h.put("X-Workspace", "ws-7");
    h.put("X-Audit-Level", "full");
    String stdoutText;
    String stderrText;
    try (SampleBackend backend = SampleBackend.start(sampleDir, true,
        "events.stdout=true,debug=true")) {
      h.put("X-Request-Id", "req-deploy");
      Http.Reply deploy = Http.post(backend.port(), "/serving/deploy_model",
          "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":1,\"location\":\"us-west\","
              + "\"password\":\"" + sample.get("body.password") + "\"}", h);
      assertThat(deploy.status).as(deploy.body).isIn(201, 400);
      h.put("X-Request-Id", "req-transfer");
      h.put("X-Source-Credential", sample.get("source_credential"));
      Http.Reply transfer = Http.post(backend.port(), "/data/transfers",
          "{\"source\":\"s3://acme-raw/corpus/2026/\",\"destination\":\"gs://partner-share/in/\","
              + "\"bytes\":500000000000,\"encrypt\":false,\"bandwidth_mbps\":2000}", h);
      assertThat(transfer.status).as(transfer.body).isEqualTo(202);
      backend.stop();
      stdoutText = backend.jvm().stdout();
      stderrText = backend.jvm().stderr();
    }
    sample.put("bearer", "demo-token");
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(sampleDir)) {
      for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        sample.forEach((name, value) -> {
          if (text.contains(value) && !file.getFileName().toString().equals("command.txt")) {
            found.add(name + " in " + sampleDir.relativize(file));
          }
        });
      }
    }
    assertThat(found).isEmpty();
    assertThat(stdoutText).contains("[envelope-agent] span"); // console spans were searched too
    assertThat(stderrText).doesNotContain("[envelope-agent] WARN");
    Events sampleEvents = Events.read(sampleDir.resolve("envelope-events.jsonl"));
    JsonNode transfer = sampleEvents.forRequest("req-transfer").get(0).get("envelope");
    assertThat(transfer.at("/caller/source_credential").asText()).isEqualTo("[REDACTED]");
    assertThat(transfer.at("/caller/session_token").asText()).isEqualTo("[REDACTED]");
    assertThat(transfer.get("redacted").toString())
        .contains("caller.source_credential", "caller.session_token");
  }
}
