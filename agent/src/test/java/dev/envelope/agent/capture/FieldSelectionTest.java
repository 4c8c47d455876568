package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldSelectionTest {

  @Test
  void nothingSelectsAll() {
    assertThat(FieldSelection.parse(null)).isSameAs(FieldSelection.ALL);
    assertThat(FieldSelection.parse(new String[0])).isSameAs(FieldSelection.ALL);
    assertThat(FieldSelection.ALL.selectsAll()).isTrue();
    assertThat(FieldSelection.ALL.child("anything")).isSameAs(FieldSelection.ALL);
    assertThat(FieldSelection.ALL.rename()).isNull();
  }

  @Test
  void pathsBecomeATreeOfSnakeCaseSegments() {
    FieldSelection s = FieldSelection.parse(
        new String[] {"principal.name->requesterUrn", "principal.email", "gpuCount"});
    assertThat(s.selectsAll()).isFalse();
    assertThat(s.child("gpu_count")).isNotNull();
    assertThat(s.child("gpu_count").selectsAll()).isTrue();
    assertThat(s.child("gpu_count").rename()).isNull();
    assertThat(s.child("gpuCount")).isNull();
    assertThat(s.child("other")).isNull();
    FieldSelection principal = s.child("principal");
    assertThat(principal.selectsAll()).isFalse();
    assertThat(principal.child("name").rename()).isEqualTo("requester_urn");
    assertThat(principal.child("email").rename()).isNull();
    assertThat(principal.child("phone")).isNull();
  }

  @Test
  void whitespaceAroundTheArrowIsIgnored() {
    FieldSelection s = FieldSelection.parse(new String[] {" principal.name  ->  requester_urn "});
    assertThat(s.child("principal").child("name").rename()).isEqualTo("requester_urn");
  }

  @Test
  void selectingAWholeObjectSelectsEverythingBelowIt() {
    FieldSelection s = FieldSelection.parse(new String[] {"resources", "resources.gpuCount"});
    assertThat(s.child("resources").selectsAll()).isTrue();
    assertThat(s.child("resources").child("memory_gb")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"->x", "a->", "a..b", "", " ", ".a", "a-> ", " ->x"})
  void aSpecThatCannotBeUnderstoodIsRejectedByName(String spec) {
    assertThatThrownBy(() -> FieldSelection.parse(new String[] {"ok", spec}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + spec + "'")
        .hasMessageNotContaining("\n");
  }
}
