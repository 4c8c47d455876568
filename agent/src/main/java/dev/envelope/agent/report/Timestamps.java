package dev.envelope.agent.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Event times as microseconds since the epoch, which is the precision the agent writes. */
final class Timestamps {
  /** Returned for a value that is not a time. */
  static final long INVALID = Long.MIN_VALUE;

  private Timestamps() {}

  /**
   * Parses an RFC 3339 time; the agent's own form ({@code 2026-11-27T20:11:52.123456Z}) takes a
   * fast path because the report parses two of them per event.
   */
  static long micros(Object value) {
    if (!(value instanceof String)) {
      return INVALID;
    }
    String s = (String) value;
    if (s.length() == 27 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
        && s.charAt(13) == ':' && s.charAt(16) == ':' && s.charAt(19) == '.'
        && s.charAt(26) == 'Z') {
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 2);
      int day = digits(s, 8, 2);
      int hour = digits(s, 11, 2);
      int minute = digits(s, 14, 2);
      int second = digits(s, 17, 2);
      int micro = digits(s, 20, 6);
      if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour < 24
          && minute >= 0 && minute < 60 && second >= 0 && second < 60 && micro >= 0) {
        try {
          long days = LocalDate.of(year, month, day).toEpochDay();
          return ((days * 86_400L + hour * 3600L + minute * 60L + second) * 1_000_000L) + micro;
        } catch (DateTimeException e) {
          return INVALID;
        }
      }
    }
    try {
      Instant i = Instant.parse(s);
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    } catch (DateTimeParseException | ArithmeticException e) {
      return INVALID;
    }
  }

  /**
   * A command-line bound: an RFC 3339 time, or a date ({@code 2026-11-27}, meaning its start in
   * UTC).
   */
  static long bound(String text) {
    long t = micros(text);
    if (t != INVALID) {
      return t;
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    } catch (DateTimeParseException e) {
      return INVALID;
    }
  }

  static String format(long micros) {
    Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L);
    String s = i.toString();
    // Instant.toString drops zero fractions; the agent's form keeps six digits.
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s.substring(0, s.length() - 1) : s.substring(0, dot);
    long frac = Math.floorMod(micros, 1_000_000L);
    return whole + "." + String.format(java.util.Locale.ROOT, "%06d", frac) + "Z";
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
