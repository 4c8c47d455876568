package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class SecretValuesTest {
  private final SecretValues secrets = new SecretValues();

  @Test
  void aRememberedValueIsHiddenWhereverAMessageRepeatsIt() {
    secrets.remember("k-77f1e2a9");
    assertThat(secrets.scrub("no account for k-77f1e2a9 (tried k-77f1e2a9twice)"))
        .isEqualTo("no account for [REDACTED] (tried [REDACTED]twice)");
    assertThat(secrets.scrub("k-77f1e2a9")).isEqualTo("[REDACTED]");
  }

  @Test
  void aCharArrayCountsAsText() {
    secrets.remember("hunter22".toCharArray());
    assertThat(secrets.scrub("pin hunter22 rejected")).isEqualTo("pin [REDACTED] rejected");
  }

  @Test
  void neighbouringAndOverlappingValuesBecomeOneMarker() {
    secrets.remember("abcdef");
    secrets.remember("defghi");
    secrets.remember("zz-9");
    assertThat(secrets.scrub("xxabcdefghixx zz-9zz-9")).isEqualTo("xx[REDACTED]xx [REDACTED]");
  }

  @Test
  void shortValuesAndOtherTypesAreNotRemembered() {
    secrets.remember("abc");
    secrets.remember(12345678);
    secrets.remember(null);
    assertThat(secrets.isEmpty()).isTrue();
    assertThat(secrets.scrub("abc 12345678")).isEqualTo("abc 12345678");
  }

  @Test
  void textWithoutTheValueIsReturnedAsItIs() {
    secrets.remember("s3cr3t-value");
    String message = "nothing to see";
    assertThat(secrets.scrub(message)).isSameAs(message);
    assertThat(secrets.scrub(null)).isNull();
    assertThat(secrets.scrub("s3c")).isEqualTo("s3c");
  }

  @Test
  void onlyFingerprintsAreKeptNeverTheValue() throws Exception {
    secrets.remember("k-77f1e2a9");
    for (Field f : SecretValues.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        assertThat(f.getType()).as(f.getName()).isIn(int.class, int[].class, long[].class);
      }
    }
  }

  @Test
  void thereIsABoundOnHowManyAreRemembered() {
    for (int i = 0; i < SecretValues.MAX_VALUES + 8; i++) {
      secrets.remember("secret-" + (1000 + i));
    }
    assertThat(secrets.scrub("secret-1000")).isEqualTo("[REDACTED]");
    assertThat(secrets.scrub("secret-" + (1000 + SecretValues.MAX_VALUES)))
        .isEqualTo("secret-" + (1000 + SecretValues.MAX_VALUES));
  }
}
