package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryFlagsTest {

  @Test
  void readsTrueFalseAndAbsence() {
    assertThat(QueryFlags.flag("force=true", "force")).isTrue();
    assertThat(QueryFlags.flag("a=1&force=false", "force")).isFalse();
    assertThat(QueryFlags.flag("forced=true", "force")).isFalse();
    assertThat(QueryFlags.flag("", "force")).isFalse();
    assertThat(QueryFlags.flag(null, "force")).isFalse();
  }

  @Test
  void refusesAnythingElse() {
    for (String query : new String[] {"force", "force=", "force=1", "force=TRUE", "force=yes"}) {
      assertThatThrownBy(() -> QueryFlags.flag(query, "force")).as(query)
          .isInstanceOf(HttpFailure.class)
          .hasMessage("force must be true or false");
    }
    assertThatThrownBy(() -> QueryFlags.flag("force=true&force=false", "force"))
        .hasMessage("force must be given at most once");
  }
}
