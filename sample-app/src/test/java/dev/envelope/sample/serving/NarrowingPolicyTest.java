package dev.envelope.sample.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NarrowingPolicyTest {

  private final NarrowingPolicy policy = NarrowingPolicy.standard();

  @ParameterizedTest
  @CsvSource({
      "tenant_admin, 4,   2",
      "tenant_admin, 2,   2",
      "tenant_admin, 1.5, 1.5",
      "member,       4,   1",
      "member,       0.5, 0.5",
      "service,      8,   4",
      "service,      3,   3"})
  void capsTheAskByRole(String role, String asked, String expected) {
    assertThat(policy.cap(role, new BigDecimal(asked))).isEqualTo(new BigDecimal(expected));
  }

  @Test
  void answersInCanonicalForm() {
    assertThat(policy.cap("member", new BigDecimal("1.00")).toString()).isEqualTo("1");
    assertThat(policy.cap("tenant_admin", new BigDecimal("0.50")).toString()).isEqualTo("0.5");
  }

  @Test
  void refusesRolesItDoesNotKnow() {
    assertThatThrownBy(() -> policy.cap("guest", BigDecimal.ONE))
        .isInstanceOf(NotPermittedException.class)
        .hasMessageContaining("guest");
    assertThatThrownBy(() -> policy.cap(null, BigDecimal.ONE))
        .isInstanceOf(NotPermittedException.class);
  }
}
