package dev.envelope.agent.report;

import java.math.BigDecimal;

/** Asked and granted totals of one numeric resource key over a group of envelopes. */
public final class ResourceTotals {
  /** Envelopes that asked for the resource, and the sum they asked. */
  long askedEnvelopes;
  BigDecimal askedTotal = BigDecimal.ZERO;
  /** Envelopes granted the resource, and the sum granted. */
  long grantedEnvelopes;
  BigDecimal grantedTotal = BigDecimal.ZERO;
  /** Envelopes that both asked and were granted: the base of the narrowed share. */
  long askedAndGranted;
  /** ... of which granted less than asked, or more. */
  long narrowed;
  long widened;

  void add(BigDecimal asked, BigDecimal granted) {
    if (asked != null) {
      askedEnvelopes++;
      askedTotal = askedTotal.add(asked);
    }
    if (granted != null) {
      grantedEnvelopes++;
      grantedTotal = grantedTotal.add(granted);
    }
    if (asked != null && granted != null) {
      askedAndGranted++;
      int c = granted.compareTo(asked);
      if (c < 0) {
        narrowed++;
      } else if (c > 0) {
        widened++;
      }
    }
  }

  public long askedEnvelopes() {
    return askedEnvelopes;
  }

  public BigDecimal askedTotal() {
    return askedTotal;
  }

  public long grantedEnvelopes() {
    return grantedEnvelopes;
  }

  public BigDecimal grantedTotal() {
    return grantedTotal;
  }

  public long askedAndGranted() {
    return askedAndGranted;
  }

  public long narrowed() {
    return narrowed;
  }

  public long widened() {
    return widened;
  }

  /** Narrowed envelopes as a share of those asked and granted, 0..1; NaN when there were none. */
  public double narrowedShare() {
    return askedAndGranted == 0 ? Double.NaN : (double) narrowed / askedAndGranted;
  }
}
