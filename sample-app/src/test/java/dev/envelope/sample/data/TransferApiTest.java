package dev.envelope.sample.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NotPermittedException;
import dev.envelope.sample.serving.RequestContext;
import org.junit.jupiter.api.Test;

class TransferApiTest {

  private static final TransferTuning DEFAULTS = TransferTuning.withDefaults(null, null, null);
  private static final RequestContext ACME =
      new RequestContext("urn:user:alice", "acme", "req-1", "tenant_admin", "secret-token");

  private final LinkLedger ledger = new LinkLedger();
  private final TransferApi api = new TransferApi(new TransferValidator(),
      BandwidthPolicy.standard(), new EncryptionPolicy(), new RoutePlanner(), ledger);

  @Test
  void narrowsBandwidthForcesEncryptionAndBooksTheRoute() {
    Transfer transfer = api.transfer(ACME, "cred", new TransferRequest("s3://acme-raw/a/",
        "gs://partner-share/b/", 500_000_000_000L, false, 2000), DEFAULTS, "ws-7", "full");

    assertThat(transfer).isEqualTo(new Transfer("xfer-000001", "queued", "s3-gs-interconnect", 500,
        true, 500_000_000_000L, 8000));
    assertThat(ledger.bookedMbps("s3-gs-interconnect")).isEqualTo(500);
  }

  @Test
  void usesTheDefaultBandwidthAndRoundsTheEstimateUp() {
    Transfer transfer = api.transfer(ACME, "cred", new TransferRequest("s3://acme-raw/a/",
        "s3://acme-archive/a/", 1L, null, null), null, null, null);

    assertThat(transfer.bandwidthMbps()).isEqualTo(TransferValidator.DEFAULT_BANDWIDTH_MBPS);
    assertThat(transfer.encrypt()).isFalse();
    assertThat(transfer.route()).isEqualTo("s3-direct");
    assertThat(transfer.estimatedSeconds()).isEqualTo(1);
  }

  @Test
  void refusalsBookNothingAndUseUpNoIds() {
    assertThatThrownBy(() -> api.transfer(ACME, null, new TransferRequest("s3://acme-raw/a/",
        "s3://acme-archive/a/", 1L, null, null), DEFAULTS, null, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> api.transfer(ACME, "cred", new TransferRequest("s3://globex-logs/a/",
        "s3://acme-archive/a/", 1L, null, null), DEFAULTS, null, null))
        .isInstanceOf(NotPermittedException.class);

    assertThat(ledger.transfers()).isZero();
    assertThat(api.transfer(ACME, "cred", new TransferRequest("s3://acme-raw/a/",
        "s3://acme-archive/a/", 1L, null, null), DEFAULTS, null, null).transferId())
        .isEqualTo("xfer-000001");
  }
}
