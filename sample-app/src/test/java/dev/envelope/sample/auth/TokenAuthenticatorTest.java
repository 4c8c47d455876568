package dev.envelope.sample.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenAuthenticatorTest {

  private final TokenAuthenticator authenticator = TokenAuthenticator.demo();

  @Test
  void knowsTheDemoTokens() {
    assertThat(authenticator.authenticate("Bearer demo-token"))
        .isEqualTo(new Principal("urn:user:alice", "tenant_admin", "acme"));
    assertThat(authenticator.authenticate("Bearer bob-token"))
        .isEqualTo(new Principal("urn:user:bob", "member", "acme"));
    assertThat(authenticator.authenticate("Bearer svc-token"))
        .isEqualTo(new Principal("urn:service:batch-scheduler", "service", "globex"));
  }

  @Test
  void schemeIsCaseInsensitiveButTheTokenIsNot() {
    assertThat(authenticator.authenticate("bearer demo-token").urn()).isEqualTo("urn:user:alice");
    assertThat(authenticator.authenticate("  BEARER   demo-token ").urn()).isEqualTo("urn:user:alice");
    assertThatThrownBy(() -> authenticator.authenticate("Bearer DEMO-TOKEN"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("invalid bearer token");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "Bearer ", "Bearer    "})
  void refusesAMissingToken(String header) {
    assertThatThrownBy(() -> authenticator.authenticate(header))
        .isInstanceOf(AuthenticationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo-token", "Basic ZGVtbzpkZW1v", "Bearerdemo-token", "Token demo-token"})
  void refusesOtherSchemes(String header) {
    assertThatThrownBy(() -> authenticator.authenticate(header))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("expected 'Authorization: Bearer <token>'");
  }

  @Test
  void refusesUnknownTokens() {
    assertThatThrownBy(() -> authenticator.authenticate("Bearer mallory-token"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("invalid bearer token");
  }
}
