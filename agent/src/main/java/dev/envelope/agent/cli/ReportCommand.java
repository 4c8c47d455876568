package dev.envelope.agent.cli;

import dev.envelope.agent.report.Report;
import dev.envelope.agent.report.ReportFilter;
import dev.envelope.agent.report.ReportFormat;
import dev.envelope.agent.report.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code report}: reads event files and prints the accounting and audit report. */
final class ReportCommand {
  static final String OPTIONS = "[--format table|json|csv] [--since T] [--until T] [--tenant ID]"
      + " [--operation OP] [--list N] [--fail-on-violation]";

  private static final int DEFAULT_LIST = 20;

  private ReportCommand() {}

  static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Arguments a = Arguments.parse(args,
        Set.of("--format", "--since", "--until", "--tenant", "--operation", "--list"),
        Set.of("--fail-on-violation"));
    String formatName = a.options.getOrDefault("--format", "table");
    ReportFormat format;
    try {
      format = ReportFormat.valueOf(formatName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format '" + formatName + "' is not one of "
          + String.join(", ", ReportFormat.names()));
    }
    long since;
    long until;
    try {
      since = a.options.containsKey("--since")
          ? ReportFilter.bound("--since", a.options.get("--since")) : Long.MIN_VALUE;
      until = a.options.containsKey("--until")
          ? ReportFilter.bound("--until", a.options.get("--until")) : Long.MAX_VALUE;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (since >= until) {
      throw new UsageException("--since must be before --until");
    }
    int list = a.count("--list", DEFAULT_LIST, 1_000_000);
    a.checkFiles();
    ReportFilter filter = new ReportFilter(since, until, a.options.get("--tenant"),
        a.options.get("--operation"));
    Report report = Reporter.run(a.files, stdin, filter, list,
        warning -> err.println("envelope-agent: " + warning));
    format.print(report, out);
    out.flush();
    return a.flag("--fail-on-violation") && report.violationTotal() > 0 ? 1 : 0;
  }
}
