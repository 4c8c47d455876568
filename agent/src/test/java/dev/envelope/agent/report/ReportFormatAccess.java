package dev.envelope.agent.report;

/** Opens {@link ReportFormat}'s CSV quoting to tests in other packages. */
public final class ReportFormatAccess {
  private ReportFormatAccess() {}

  public static String csv(String value) {
    return ReportFormat.csv(value);
  }
}
