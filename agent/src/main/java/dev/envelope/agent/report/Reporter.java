package dev.envelope.agent.report;

import dev.envelope.agent.json.JsonReader;
import dev.envelope.agent.json.JsonSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads event files into a {@link Report}. Lines are parsed in batches on every core, which is two
 * thirds of the work; the join takes the parsed batches in file order on the reading thread, so
 * the report is the same however many cores parse.
 */
public final class Reporter {
  private static final int BATCH = 512;
  private static final int BATCH_CHARS = 4 * 1024 * 1024;

  private final Report report;
  private final EnvelopeJoin join;
  private final ExecutorService parsers;
  private final int inFlight;
  private final ArrayDeque<Future<Object[]>> pending = new ArrayDeque<>();
  private List<String> texts = new ArrayList<>(BATCH);
  private List<String> sources = new ArrayList<>(BATCH);
  private long batchChars;

  private Reporter(ReportFilter filter, int listLimit, int threads) {
    this.report = new Report(listLimit);
    this.join = new EnvelopeJoin(filter::test, report);
    this.parsers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "envelope-report-parser");
      t.setDaemon(true);
      return t;
    });
    this.inFlight = threads * 2;
  }

  /**
   * Reads every file in {@code names} ({@code -} is {@code stdin}) and returns the report.
   *
   * @param warnings receives one line per file that could not be read to the end
   * @throws IOException when a file cannot be opened at all
   */
  public static Report run(List<String> names, InputStream stdin, ReportFilter filter,
      int listLimit, Consumer<String> warnings) throws IOException {
    Reporter r = new Reporter(filter, listLimit, Runtime.getRuntime().availableProcessors());
    try {
      for (String name : names) {
        r.report.input.files++;
        String cut = EventInput.read(name, stdin, new EventInput.LineHandler() {
          @Override
          public void line(String text, long number) {
            r.line(name, text, number);
          }

          @Override
          public void tooLong(long number, long bytes) {
            r.tooLong(name, number, bytes);
          }
        });
        r.submit();
        r.drain(0);
        if (cut != null) {
          r.report.input.torn++;
          warnings.accept(name + ": " + cut);
        }
      }
    } finally {
      r.parsers.shutdownNow();
    }
    r.join.finish();
    r.report.input.duplicates = r.join.duplicates();
    return r.report;
  }

  private void line(String file, String text, long number) {
    texts.add(text);
    sources.add(file + ":" + number);
    batchChars += text.length();
    // Bounded in characters too: 2,560 lines of megabytes each would not fit in a heap.
    if (texts.size() == BATCH || batchChars >= BATCH_CHARS) {
      submit();
      drain(inFlight);
    }
  }

  /** A line too long to be an event: torn, in order with the lines around it. */
  private void tooLong(String file, long number, long bytes) {
    texts.add(null);
    sources.add(file + ":" + number + ": a line of " + bytes + " bytes, longer than any"
        + " event line");
  }

  private void submit() {
    if (texts.isEmpty()) {
      return;
    }
    List<String> t = texts;
    List<String> s = sources;
    pending.add(parsers.submit(() -> parse(t, s)));
    texts = new ArrayList<>(BATCH);
    sources = new ArrayList<>(BATCH);
    batchChars = 0;
  }

  /** Joins parsed batches, oldest first, until at most {@code keep} are still being parsed. */
  private void drain(int keep) {
    while (pending.size() > keep) {
      Object[] parsed;
      try {
        parsed = pending.poll().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
      for (Object o : parsed) {
        take(o);
      }
    }
  }

  /** Each line as an {@link EventLine}, or a {@link Skipped} saying why it is not one. */
  private static Object[] parse(List<String> texts, List<String> sources) {
    Object[] out = new Object[texts.size()];
    for (int i = 0; i < out.length; i++) {
      String text = texts.get(i);
      if (text == null) {
        out[i] = new Skipped(true, sources.get(i));
        continue;
      }
      if (text.isBlank()) {
        out[i] = Skipped.BLANK;
        continue;
      }
      try {
        out[i] = EventLine.read(JsonReader.parse(text), text, sources.get(i));
      } catch (JsonSyntaxException e) {
        out[i] = new Skipped(true, sources.get(i) + ": " + e.getMessage());
      } catch (EventLine.NotAnEvent e) {
        out[i] = new Skipped(false, sources.get(i) + ": " + e.getMessage());
      }
    }
    return out;
  }

  private void take(Object parsed) {
    Report.InputStats in = report.input;
    in.lines++;
    if (parsed instanceof EventLine) {
      in.events++;
      join.add((EventLine) parsed);
    } else if (parsed == Skipped.BLANK) {
      in.blank++;
    } else if (((Skipped) parsed).torn) {
      in.torn++;
      if (in.firstTorn == null) {
        in.firstTorn = ((Skipped) parsed).why;
      }
    } else {
      in.notEvents++;
      if (in.firstNotEvent == null) {
        in.firstNotEvent = ((Skipped) parsed).why;
      }
    }
  }

  /** A line the report does not count as an event. */
  private static final class Skipped {
    static final Skipped BLANK = new Skipped(false, "");

    final boolean torn;
    final String why;

    Skipped(boolean torn, String why) {
      this.torn = torn;
      this.why = why;
    }
  }
}
