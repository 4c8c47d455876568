package dev.envelope.sample.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves an {@code Authorization: Bearer <token>} header against a fixed table of tokens. The
 * demo table stands in for a real identity provider; nothing about it is secret.
 */
public final class TokenAuthenticator {

  private static final String SCHEME = "bearer ";

  private final Map<String, Principal> principalsByToken;

  /** Creates an authenticator over the given token table (copied). */
  public TokenAuthenticator(Map<String, Principal> principalsByToken) {
    this.principalsByToken = Map.copyOf(principalsByToken);
  }

  /** The demo table: {@code demo-token} (alice), {@code bob-token} and {@code svc-token}. */
  public static TokenAuthenticator demo() {
    Map<String, Principal> table = new LinkedHashMap<>();
    table.put("demo-token", new Principal("urn:user:alice", "tenant_admin", "acme"));
    table.put("bob-token", new Principal("urn:user:bob", "member", "acme"));
    table.put("svc-token", new Principal("urn:service:batch-scheduler", "service", "globex"));
    return new TokenAuthenticator(table);
  }

  /**
   * The registry's table of service tokens: {@code serving-token} stands for {@code
   * urn:service:serving}, the serving backend. Services act for the {@code platform}, not for one
   * tenant; end users' tokens are not in it.
   */
  public static TokenAuthenticator services() {
    return new TokenAuthenticator(
        Map.of("serving-token", new Principal("urn:service:serving", "service", "platform")));
  }

  /**
   * Returns the principal for an {@code Authorization} header value.
   *
   * @param authorization the header value, or {@code null} when the header is absent
   * @throws AuthenticationException when the header is missing, not a bearer token, or unknown
   */
  public Principal authenticate(String authorization) {
    String token = bearerToken(authorization);
    Principal principal = principalsByToken.get(token);
    if (principal == null) {
      throw new AuthenticationException("invalid bearer token");
    }
    return principal;
  }

  /**
   * Extracts the token from a header value.
   *
   * @throws AuthenticationException when there is no bearer token
   */
  public static String bearerToken(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new AuthenticationException("missing bearer token");
    }
    String value = authorization.strip();
    // The scheme name is case-insensitive (RFC 7235); the token is not.
    if (value.length() <= SCHEME.length()
        || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      throw new AuthenticationException("expected 'Authorization: Bearer <token>'");
    }
    String token = value.substring(SCHEME.length()).strip();
    if (token.isEmpty()) {
      throw new AuthenticationException("missing bearer token");
    }
    return token;
  }
}
