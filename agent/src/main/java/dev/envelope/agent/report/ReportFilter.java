package dev.envelope.agent.report;

/**
 * Which envelopes the report counts: by admission time ({@code since} inclusive, {@code until}
 * exclusive, microseconds), tenant and operation. An operation matches its full name {@code
 * serving.deploy_model} or the bare {@code deploy_model}.
 */
public final class ReportFilter {
  public static final ReportFilter ALL =
      new ReportFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, null);

  private final long since;
  private final long until;
  private final String tenant;
  private final String operation;

  public ReportFilter(long since, long until, String tenant, String operation) {
    this.since = since;
    this.until = until;
    this.tenant = tenant;
    this.operation = operation;
  }

  /**
   * Parses a {@code --since}/{@code --until} value: an RFC 3339 time or a date (its start, UTC).
   *
   * @throws IllegalArgumentException with a one-line message when it is neither
   */
  public static long bound(String option, String text) {
    long t = Timestamps.bound(text);
    if (t == Timestamps.INVALID) {
      throw new IllegalArgumentException(option + " '" + text
          + "' is not a time (2026-11-27T20:11:52Z) or a date (2026-11-27)");
    }
    return t;
  }

  boolean test(EnvelopeFacts f) {
    if (since != Long.MIN_VALUE || until != Long.MAX_VALUE) {
      if (f.admittedAt == Timestamps.INVALID || f.admittedAt < since || f.admittedAt >= until) {
        return false;
      }
    }
    if (tenant != null && !tenant.equals(f.tenant)) {
      return false;
    }
    if (operation != null && !operation.equals(f.operation)
        && !f.operation.endsWith("." + operation)) {
      return false;
    }
    return true;
  }
}
