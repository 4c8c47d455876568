package dev.envelope.agent.report;

/**
 * Text from the record made safe to print on a terminal: tenant names, keys and failure stages
 * come from requests, and could carry escape sequences or reorder what the terminal shows.
 */
public final class TerminalText {
  private TerminalText() {}

  /**
   * C0 and C1 controls, and the bidirectional controls that reorder what a terminal shows
   * ("Trojan Source", CVE-2021-42574).
   */
  static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x061c || c == 0x200e || c == 0x200f
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }

  /** Every unsafe character of {@code s} as '?', nothing cut: for one-line messages. */
  public static String cleanLine(String s) {
    return clean(s, Integer.MAX_VALUE);
  }

  /** Every unsafe character of {@code s} as '?', and {@code s} cut to {@code max} with '…'. */
  static String clean(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max == Integer.MAX_VALUE ? s.length()
        : max + 1));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(unsafe(c) ? '?' : c);
    }
    return s.length() > max ? b.append('…').toString() : b.toString();
  }
}
