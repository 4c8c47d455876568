package dev.envelope.agent.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Joins event lines into envelopes by {@code envelope_id} and {@code seq}, in whatever order the
 * lines come (files may be given newest first), and checks the invariants on the way.
 *
 * <p>An envelope is counted as soon as its first terminal event and every event before it are in;
 * from then on only its terminal {@code seq} is kept, so memory follows the envelopes in flight,
 * not the size of the record. Lines that come later are duplicates (same or lower {@code seq},
 * counted and dropped without comparing content) or violations. What is still open at the end is
 * counted then: with its terminal event if a line before it is missing, else as open.
 */
final class EnvelopeJoin {
  /** Receives each envelope the filter lets through, once, with what was found wrong with it. */
  interface Sink {
    void envelope(EnvelopeFacts facts, Found violations);

    /** A violation found after its envelope was counted. */
    void lateViolation(Violation violation);
  }

  private static final int INCLUDED = 1;
  private static final int FAILED = 2;

  private final Predicate<EnvelopeFacts> filter;
  private final Sink sink;
  private final Map<String, Pending> pending = new HashMap<>();
  private final IdTable counted = new IdTable();
  private long duplicates;

  EnvelopeJoin(Predicate<EnvelopeFacts> filter, Sink sink) {
    this.filter = filter;
    this.sink = sink;
  }

  void add(EventLine e) {
    Long done = counted.get(e.envelopeId);
    if (done != null) {
      late(e, done);
      return;
    }
    Pending p = pending.computeIfAbsent(e.envelopeId, id -> new Pending());
    int outcome = p.add(e);
    if (outcome != Pending.ADDED) {
      // A line with the seq of another but different content is a violation, not a repeat.
      duplicates += outcome == Pending.REPEAT ? 1 : 0;
      return;
    }
    if (p.complete()) {
      count(p);
      pending.remove(e.envelopeId);
    }
  }

  /** Counts what is still open; call once, after the last line. */
  void finish() {
    // In admission order, so that the open envelopes are listed oldest first, the same every run.
    List<Pending> rest = new ArrayList<>(pending.values());
    pending.clear();
    rest.sort(Comparator.comparingLong((Pending p) -> p.latest().facts.admittedAt)
        .thenComparing(p -> p.latest().envelopeId));
    for (Pending p : rest) {
      count(p);
    }
  }

  /** Lines dropped as exact repeats of a line already read (same envelope, same seq). */
  long duplicates() {
    return duplicates;
  }

  private void late(EventLine e, long done) {
    int terminalSeq = (int) (done >>> 2);
    if (e.seq <= terminalSeq) {
      duplicates++;
      return;
    }
    if ((done & INCLUDED) == 0) {
      return;
    }
    sink.lateViolation(afterTerminal(e, (done & FAILED) != 0, terminalSeq));
  }

  private static Violation afterTerminal(EventLine e, boolean failed, int terminalSeq) {
    String where = e.kind.wireName + " at seq " + e.seq + " (" + e.source + ") after the terminal"
        + " event at seq " + terminalSeq;
    if (e.kind.terminal()) {
      return new Violation(Violation.Kind.DUPLICATE_TERMINAL, e.envelopeId, where);
    }
    if (e.kind == EventKind.RESOLVED && failed) {
      return new Violation(Violation.Kind.GRANT_ON_FAILED, e.envelopeId,
          "a grant, " + where + " (failed)");
    }
    return new Violation(Violation.Kind.EVENT_AFTER_TERMINAL, e.envelopeId, where);
  }

  private void count(Pending p) {
    Found found = p.check();
    EventLine last = p.terminal != null ? p.terminal : p.latest();
    EnvelopeFacts facts = last.facts;
    boolean included = filter.test(facts);
    if (included) {
      sink.envelope(facts, found);
    }
    if (p.terminal != null) {
      counted.put(last.envelopeId, ((long) p.terminal.seq << 2)
          | (included ? INCLUDED : 0) | (p.terminal.kind == EventKind.FAILED ? FAILED : 0));
    }
  }

  /** The events of one envelope read so far, in {@code seq} order. */
  private static final class Pending {
    /** Events by seq, ascending. */
    final List<EventLine> events = new ArrayList<>(4);
    /** The first terminal event by seq. */
    EventLine terminal;
    /** How many events have a seq at or below the terminal's: complete when that is all of them. */
    int upToTerminal;
    final Found found = new Found();

    static final int ADDED = 0;
    static final int REPEAT = 1;
    static final int CONFLICT = 2;

    /** Adds {@code e}, unless its seq is here already: then it is a repeat or a conflict. */
    int add(EventLine e) {
      int i = insertionPoint(e.seq);
      if (i < events.size() && events.get(i).seq == e.seq) {
        EventLine same = events.get(i);
        if (same.lineHash == e.lineHash && same.grantHash == e.grantHash
            && java.util.Arrays.equals(same.askHashes, e.askHashes)) {
          return REPEAT;
        }
        found.add(new Violation(Violation.Kind.CONFLICTING_SEQ, e.envelopeId,
            "two different lines with seq " + e.seq + ": " + same.source + " and " + e.source));
        return CONFLICT;
      }
      if (e.idMismatch()) {
        found.add(new Violation(Violation.Kind.CORRELATION, e.envelopeId,
            "the snapshot at seq " + e.seq + " (" + e.source + ") names envelope "
                + e.otherId));
      }
      events.add(i, e);
      if (e.kind.terminal() && (terminal == null || e.seq < terminal.seq)) {
        terminal = e;
        upToTerminal = insertionPoint(e.seq) + 1;
      } else if (terminal != null && e.seq < terminal.seq) {
        upToTerminal++;
      }
      return ADDED;
    }

    /** Where {@code seq} is or goes; lines mostly come in order, so the end is tried first. */
    private int insertionPoint(int seq) {
      int n = events.size();
      if (n == 0 || events.get(n - 1).seq < seq) {
        return n;
      }
      int lo = 0;
      int hi = n - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (events.get(mid).seq < seq) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    EventLine latest() {
      return events.get(events.size() - 1);
    }

    /** The terminal event is in, and so is every event before it. */
    boolean complete() {
      return terminal != null && upToTerminal == terminal.seq;
    }

    Found check() {
      Found out = found;
      String id = events.get(0).envelopeId;
      EventLine first = events.get(0);
      int last = terminal != null ? terminal.seq : latest().seq;
      // Counted, not enumerated: one line with seq 2147483647 must not build a list of two
      // billion missing numbers.
      List<Integer> missing = new ArrayList<>();
      long missingCount = 0;
      long expected = 1;
      for (EventLine e : events) {
        long upTo = Math.min(e.seq - 1L, last);
        if (expected <= upTo) {
          missingCount += upTo - expected + 1;
          for (long s = expected; s <= upTo && missing.size() < 5; s++) {
            missing.add((int) s);
          }
        }
        expected = e.seq + 1L;
      }
      if (missingCount > 0) {
        out.add(new Violation(Violation.Kind.MISSING_EVENTS, id, "no line with seq "
            + abbreviate(missing, missingCount) + " of " + last + " in the input"));
      }
      for (EventLine e : events) {
        if ((e.kind == EventKind.ADMITTED) != (e.seq == 1)) {
          out.add(new Violation(Violation.Kind.ADMISSION_OUT_OF_PLACE, id,
              e.kind.wireName + " at seq " + e.seq + " (" + e.source + ")"));
        }
      }
      for (int f = 0; f < EventLine.ASK_FAMILIES.length; f++) {
        for (EventLine e : events) {
          if (e.askHashes[f] != first.askHashes[f]) {
            out.add(new Violation(Violation.Kind.CHANGED_ASK, id, EventLine.ASK_FAMILIES[f]
                + " differs between seq " + first.seq + " (" + first.source + ") and seq " + e.seq
                + " (" + e.source + ")"));
            break;
          }
        }
      }
      for (int i = 1; i < events.size(); i++) {
        EventLine before = events.get(i - 1);
        EventLine after = events.get(i);
        for (String key : before.grantKeys) {
          if (!after.grantKeys.contains(key)) {
            out.add(new Violation(Violation.Kind.GRANT_REMOVED, id, key + " of seq " + before.seq
                + " (" + before.source + ") is gone at seq " + after.seq + " (" + after.source
                + ")"));
            break;
          }
        }
      }
      for (EventLine e : events) {
        if (!Objects.equals(e.traceId, first.traceId)) {
          out.add(new Violation(Violation.Kind.CORRELATION, id, "trace_id " + e.traceId
              + " at seq " + e.seq + " (" + e.source + ") differs from " + first.traceId
              + " at seq " + first.seq));
          break;
        }
      }
      if (terminal != null) {
        if (terminal.kind == EventKind.FAILED) {
          checkFailedGrants(id, out);
        }
        for (EventLine e : events) {
          if (e.seq > terminal.seq) {
            out.add(afterTerminal(e, terminal.kind == EventKind.FAILED, terminal.seq));
          }
        }
      }
      return out;
    }

    private void checkFailedGrants(String id, Found out) {
      EventLine before = null;
      for (EventLine e : events) {
        if (e.seq == terminal.seq - 1) {
          before = e;
        }
      }
      String stage = terminal.facts.failureStage;
      if (before != null && before.grantHash != terminal.grantHash) {
        out.add(new Violation(Violation.Kind.GRANT_ON_FAILED, id, "the failed event at seq "
            + terminal.seq + " (" + terminal.source + ") carries granted or resolution values that"
            + " seq " + before.seq + " did not have"));
      } else if ("admission".equals(stage) && !terminal.grantKeys.isEmpty()) {
        out.add(new Violation(Violation.Kind.GRANT_ON_FAILED, id, "failed at stage admission ("
            + terminal.source + ") yet has " + terminal.grantKeys.get(0)));
      }
    }

    private static String abbreviate(List<Integer> firstFive, long count) {
      String shown = firstFive.toString().replace("[", "").replace("]", "");
      return count <= firstFive.size() ? shown : shown + " and " + (count - firstFive.size())
          + " more";
    }
  }
}
