package dev.envelope.agent.viewer;

import static dev.envelope.agent.viewer.Envelopes.admitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.agent.model.Envelope;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnvelopeQueryTest {
  private final Envelope deploy = admitted(1, "serving", "deploy_model", "acme");
  private final List<ViewedEnvelope> all = List.of(
      ViewedEnvelope.of(Envelopes.failed(admitted(4, "serving", "deploy_model", "globex")), 2, "4"),
      ViewedEnvelope.of(admitted(3, "inference", "complete", "acme"), 1, "3"),
      ViewedEnvelope.of(Envelopes.narrowed(admitted(2, "serving", "deploy_model", "acme")), 2, "2"),
      ViewedEnvelope.of(deploy, 1, "1"));

  private List<String> lines(String rawQuery) {
    return EnvelopeQuery.parse(rawQuery, 200).matching(all).stream().map(ViewedEnvelope::line)
        .collect(Collectors.toList());
  }

  @Test
  void noQueryMatchesEverythingInOrder() {
    assertThat(lines(null)).containsExactly("4", "3", "2", "1");
    assertThat(lines("")).containsExactly("4", "3", "2", "1");
    assertThat(lines("operation=&tenant=&phase=")).as("empty form fields").hasSize(4);
  }

  @Test
  void operationMatchesQualifiedOrBare() {
    assertThat(lines("operation=serving.deploy_model")).containsExactly("4", "2", "1");
    assertThat(lines("operation=deploy_model")).containsExactly("4", "2", "1");
    assertThat(lines("operation=inference.complete")).containsExactly("3");
    assertThat(lines("operation=serving.complete")).isEmpty();
    assertThat(lines("operation=deploy")).as("no prefix match").isEmpty();
  }

  @Test
  void tenantAndPhaseFilterAndCombine() {
    assertThat(lines("tenant=acme")).containsExactly("3", "2", "1");
    assertThat(lines("phase=failed")).containsExactly("4");
    assertThat(lines("phase=admission")).containsExactly("3", "1");
    assertThat(lines("tenant=acme&phase=admission&operation=serving.deploy_model"))
        .containsExactly("1");
    assertThat(lines("tenant=%61cme&phase=resolved")).as("URL-decoded").containsExactly("2");
  }

  @Test
  void limitCapsWhatIsReturnedAndNotWhatMatches() {
    EnvelopeQuery q = EnvelopeQuery.parse("limit=2", 200);
    assertThat(q.limit()).isEqualTo(2);
    assertThat(q.matching(all)).hasSize(4);
    assertThat(EnvelopeQuery.parse("limit=100000", 200).limit()).isEqualTo(200);
    assertThat(EnvelopeQuery.parse(null, 50).limit()).isEqualTo(50);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "status=failed               | unknown parameter 'status'; known: operation, tenant, phase, limit",
      "phase=done                  | phase 'done' is not one of admission, resolved, finalized, failed",
      "phase=failed&phase=resolved | parameter 'phase' given more than once",
      "limit=0                     | limit '0' is not a whole number from 1",
      "limit=-3                    | limit '-3' is not a whole number from 1",
      "limit=ten                   | limit 'ten' is not a whole number from 1",
      "limit=99999999999           | limit '99999999999' is not a whole number from 1",
      "tenant=%zz                  | query is not URL-encoded: %zz"})
  void aBadQueryIsOneLine(String rawQuery, String message) {
    assertThatThrownBy(() -> EnvelopeQuery.parse(rawQuery, 200))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void aMessageNeverEchoesALongValueOrALineBreak() {
    String huge = "x".repeat(500);
    assertThatThrownBy(() -> EnvelopeQuery.parse("phase=" + huge + "%0Aevil", 200))
        .hasMessageNotContaining(huge).hasMessageNotContaining("\n");
    assertThatThrownBy(() -> EnvelopeQuery.parse("phase=a%0D%0Ab", 200))
        .hasMessage("phase 'a??b' is not one of admission, resolved, finalized, failed");
  }
}
