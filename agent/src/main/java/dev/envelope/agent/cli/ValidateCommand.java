package dev.envelope.agent.cli;

import dev.envelope.agent.json.JsonReader;
import dev.envelope.agent.json.JsonSyntaxException;
import dev.envelope.agent.report.EventInput;
import dev.envelope.agent.report.TerminalText;
import dev.envelope.agent.schema.SchemaException;
import dev.envelope.agent.schema.SchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code validate}: every line against the event line schema shipped in the jar, and under the
 * 64 KiB line limit (SPEC section 5). Prints each invalid line's problems, then a summary; exits
 * 1 if any line is invalid, for CI.
 */
final class ValidateCommand {
  static final String OPTIONS = "[--list N] [--quiet]";

  /** SPEC section 5: a line stays under 64 KiB of UTF-8. */
  static final int MAX_LINE_BYTES = 64 * 1024;
  private static final int DEFAULT_LIST = 100;
  private static final int PROBLEMS_PER_LINE = 3;

  private ValidateCommand() {}

  static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Arguments a = Arguments.parse(args, Set.of("--list"), Set.of("--quiet"));
    int list = a.count("--list", DEFAULT_LIST, 1_000_000);
    boolean quiet = a.flag("--quiet");
    a.checkFiles();
    SchemaValidator validator;
    try {
      validator = SchemaValidator.forEventLines();
    } catch (SchemaException e) {
      err.println("envelope-agent: " + e.getMessage());
      return 2;
    }
    long[] counts = new long[2];
    long[] listed = new long[1];
    boolean cutShort = false;
    for (String file : a.files) {
      String cut = EventInput.read(file, stdin, new EventInput.LineHandler() {
        private long notUtf8 = -1;

        @Override
        public void notUtf8(long number) {
          notUtf8 = number;
        }

        @Override
        public void line(String text, long number) {
          verdict(number, notUtf8 == number ? "not valid UTF-8" : check(validator, text));
        }

        @Override
        public void tooLong(long number, long bytes) {
          verdict(number, String.format(Locale.ROOT, "a line of %,d bytes, over the 64 KiB"
              + " line limit", bytes));
        }

        private void verdict(long number, String problem) {
          counts[0]++;
          if (problem != null) {
            counts[1]++;
            if (!quiet && listed[0] < list) {
              listed[0]++;
              // Member names and values in the message come from the line: no terminal escapes.
              out.println(file + ":" + number + ": " + TerminalText.cleanLine(problem));
            }
          }
        }
      });
      if (cut != null) {
        cutShort = true;
        err.println("envelope-agent: " + file + ": " + cut);
      }
    }
    if (!quiet && counts[1] > listed[0]) {
      out.printf(Locale.ROOT, "... and %,d more invalid lines%n", counts[1] - listed[0]);
    }
    out.printf(Locale.ROOT, "%,d lines in %d file%s: %,d valid, %,d invalid%s%n", counts[0],
        a.files.size(), a.files.size() == 1 ? "" : "s", counts[0] - counts[1], counts[1],
        cutShort ? " (and a compressed file cut short)" : "");
    out.flush();
    return counts[1] > 0 || cutShort ? 1 : 0;
  }

  /** What is wrong with one line, or null if nothing. */
  static String check(SchemaValidator validator, String text) {
    if (text.isEmpty()) {
      return "empty line";
    }
    // Only long lines are measured in bytes; a char is at most 3 bytes of UTF-8.
    if (text.length() * 3L >= MAX_LINE_BYTES) {
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      if (bytes >= MAX_LINE_BYTES) {
        return String.format(Locale.ROOT, "%,d bytes, over the 64 KiB line limit", bytes);
      }
    }
    Object parsed;
    try {
      parsed = JsonReader.parse(text);
    } catch (JsonSyntaxException e) {
      return "not JSON: " + e.getMessage();
    }
    List<String> problems = validator.validate(parsed, PROBLEMS_PER_LINE);
    return problems.isEmpty() ? null : String.join("; ", problems);
  }
}
