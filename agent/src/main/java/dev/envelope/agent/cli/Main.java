package dev.envelope.agent.cli;

import dev.envelope.agent.report.TerminalText;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar envelope-agent.jar <command>}: the agent jar doubles as the tool that reads
 * what the agent wrote. Exit codes: 0 done, 1 the check failed (invalid lines, violations when
 * asked to fail on them), 2 the command line or an input could not be used, 3 the command stopped
 * on an internal error.
 */
public final class Main {
  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar envelope-agent.jar <command> [options] <events.jsonl>...",
      "",
      "commands:",
      "  report    accounting and audit report of envelope events: outcomes, requested vs granted,",
      "            latency, invariant violations, envelopes with no terminal event",
      "            " + ReportCommand.OPTIONS,
      "  validate  check every line against the envelope event JSON Schema shipped in this jar",
      "            " + ValidateCommand.OPTIONS,
      "",
      "Files may be rolled (envelope-events.jsonl.1) or gzip'd; '-' reads standard input.",
      "As an agent: java -javaagent:envelope-agent.jar[=key=value,...] -jar app.jar");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.in, System.out, System.err));
  }

  static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")
        || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).println(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    try {
      switch (command) {
        case "report":
          return ReportCommand.run(rest, stdin, out, err);
        case "validate":
          return ValidateCommand.run(rest, stdin, out, err);
        case "--version":
          String v = Main.class.getPackage().getImplementationVersion();
          out.println("envelope-agent " + (v == null ? "dev" : v));
          return 0;
        default:
          throw new UsageException("unknown command '" + command + "'");
      }
    } catch (UsageException e) {
      // The message may quote what was typed, or a file name: no escapes reach the terminal.
      err.println("envelope-agent: " + TerminalText.cleanLine(e.getMessage())
          + " (--help for usage)");
      return 2;
    } catch (java.io.IOException e) {
      err.println("envelope-agent: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A bug or a machine too small for the input: one line, not a stack trace.
      err.println("envelope-agent: " + args.get(0) + " stopped: " + e);
      return 3;
    }
  }
}
