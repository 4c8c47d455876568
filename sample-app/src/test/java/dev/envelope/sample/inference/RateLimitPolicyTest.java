package dev.envelope.sample.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.NotPermittedException;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

  private final RateLimitPolicy policy = RateLimitPolicy.standard();

  @Test
  void grantsARateByRole() {
    assertThat(policy.rps("tenant_admin")).isEqualTo(20);
    assertThat(policy.rps("member")).isEqualTo(5);
    assertThat(policy.rps("service")).isEqualTo(50);
  }

  @Test
  void unknownRolesGetNothing() {
    assertThatThrownBy(() -> policy.rps("guest")).isInstanceOf(NotPermittedException.class)
        .hasMessage("role 'guest' may not call inference");
    assertThatThrownBy(() -> policy.rps(null)).isInstanceOf(NotPermittedException.class);
  }
}
