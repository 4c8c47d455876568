package dev.envelope.sample.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkLedgerTest {

  private final LinkLedger ledger = new LinkLedger();

  @Test
  void booksBandwidthPerRoute() {
    ledger.reserve(500, true, "s3-direct", "xfer-1");
    ledger.reserve(300, false, "s3-direct", "xfer-2");
    ledger.reserve(100, true, "s3-gs-interconnect", "xfer-3");

    assertThat(ledger.bookedMbps("s3-direct")).isEqualTo(800);
    assertThat(ledger.bookedMbps("s3-gs-interconnect")).isEqualTo(100);
    assertThat(ledger.bookedMbps("gs-direct")).isZero();
    assertThat(ledger.transfers()).isEqualTo(3);
  }

  @Test
  void aTransferIsBookedOnce() {
    ledger.reserve(500, true, "s3-direct", "xfer-1");

    assertThatThrownBy(() -> ledger.reserve(1, true, "gs-direct", "xfer-1"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ledger.bookedMbps("gs-direct")).isZero();
  }
}
