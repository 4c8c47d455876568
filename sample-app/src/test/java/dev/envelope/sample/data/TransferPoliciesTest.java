package dev.envelope.sample.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.NotPermittedException;
import org.junit.jupiter.api.Test;

/** The three small policies a transfer grant is made of: bandwidth, encryption, route. */
class TransferPoliciesTest {

  private static StorageUri uri(String text) {
    return StorageUri.parse(text).orElseThrow();
  }

  @Test
  void bandwidthIsCappedPerTenant() {
    BandwidthPolicy policy = BandwidthPolicy.standard();

    assertThat(policy.cap("acme", 2000)).isEqualTo(500);
    assertThat(policy.cap("acme", 300)).isEqualTo(300);
    assertThat(policy.cap("globex", 2500)).isEqualTo(2000);
    assertThatThrownBy(() -> policy.cap("initech", 1)).isInstanceOf(NotPermittedException.class)
        .hasMessage("tenant 'initech' may not move data");
  }

  @Test
  void encryptionIsForcedWhenDataLeavesTheTenantOrTheCloud() {
    EncryptionPolicy policy = new EncryptionPolicy();
    StorageUri own = uri("s3://acme-raw/x");

    assertThat(policy.grant(false, own, uri("s3://acme-archive/x"), "acme")).isFalse();
    assertThat(policy.grant(true, own, uri("s3://acme-archive/x"), "acme")).isTrue();
    assertThat(policy.grant(false, own, uri("s3://partner-share/x"), "acme")).isTrue();
    assertThat(policy.grant(false, own, uri("gs://acme-archive/x"), "acme")).isTrue();
  }

  @Test
  void routesStayDirectInsideOneCloud() {
    RoutePlanner planner = new RoutePlanner();

    assertThat(planner.route(uri("s3://acme-a/x"), uri("s3://acme-b/x"))).isEqualTo("s3-direct");
    assertThat(planner.route(uri("s3://acme-a/x"), uri("gs://acme-b/x")))
        .isEqualTo("s3-gs-interconnect");
  }
}
