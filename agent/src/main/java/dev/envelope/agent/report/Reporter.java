package dev.envelope.agent.report;

import dev.envelope.agent.json.JsonReader;
import dev.envelope.agent.json.JsonSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Reads event files into a {@link Report}. */
public final class Reporter {
  private final Report report;
  private final EnvelopeJoin join;
  private final Consumer<String> warnings;

  private Reporter(ReportFilter filter, int listLimit, Consumer<String> warnings) {
    this.report = new Report(listLimit);
    Predicate<EnvelopeFacts> test = filter::test;
    this.join = new EnvelopeJoin(test, report);
    this.warnings = warnings;
  }

  /**
   * Reads every file in {@code names} ({@code -} is {@code stdin}) and returns the report.
   *
   * @param warnings receives one line per file that could not be read to the end
   * @throws IOException when a file cannot be opened at all
   */
  public static Report run(List<String> names, InputStream stdin, ReportFilter filter,
      int listLimit, Consumer<String> warnings) throws IOException {
    Reporter r = new Reporter(filter, listLimit, warnings);
    for (String name : names) {
      r.report.input.files++;
      String cut = EventInput.read(name, stdin, (text, number) -> r.line(name, text, number));
      if (cut != null) {
        r.report.input.torn++;
        warnings.accept(name + ": " + cut);
      }
    }
    r.join.finish();
    r.report.input.duplicates = r.join.duplicates();
    return r.report;
  }

  private void line(String file, String text, long number) {
    Report.InputStats in = report.input;
    in.lines++;
    if (text.isBlank()) {
      in.blank++;
      return;
    }
    Object parsed;
    try {
      parsed = JsonReader.parse(text);
    } catch (JsonSyntaxException e) {
      in.torn++;
      if (in.firstTorn == null) {
        in.firstTorn = file + ":" + number + ": " + e.getMessage();
      }
      return;
    }
    EventLine event;
    try {
      event = EventLine.read(parsed, text, file + ":" + number);
    } catch (EventLine.NotAnEvent e) {
      in.notEvents++;
      if (in.firstNotEvent == null) {
        in.firstNotEvent = file + ":" + number + ": " + e.getMessage();
      }
      return;
    }
    in.events++;
    join.add(event);
  }
}
