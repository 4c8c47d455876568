package dev.envelope.agent.capture;

import java.util.SplittableRandom;

/**
 * The secrets one envelope was handed directly (a {@code @Sensitive} or secret-named argument), so
 * an exception message that repeats one can be scrubbed even when nothing in the text says it is a
 * credential. Only a fingerprint is kept (length and a rolling hash), never the value; a
 * fingerprint match replaces that stretch of text. A chance match only hides a few harmless
 * characters.
 */
public final class SecretValues {
  /** Shorter values are too common in ordinary text to hide wherever they appear. */
  static final int MIN_LENGTH = 4;
  /** Longer values are cut when captured anyway; a message would not repeat them whole. */
  static final int MAX_LENGTH = 1024;
  static final int MAX_VALUES = 32;
  /** Odd, so multiplication by it never loses bits; per process, so fingerprints differ by run. */
  private static final long BASE = new SplittableRandom().nextLong() | 1L;

  /** Made on the first secret: most admissions are handed none, and each one makes this object. */
  private int[] lengths;
  private long[] hashes;
  private int size;

  /** Fingerprints {@code value} if it is text (a {@code String} or {@code char[]}). */
  public synchronized void remember(Object value) {
    if (value instanceof String) {
      String s = (String) value;
      add(s.length(), s, null);
    } else if (value instanceof char[]) {
      char[] c = (char[]) value;
      add(c.length, null, c);
    }
  }

  public synchronized boolean isEmpty() {
    return size == 0;
  }

  private void add(int length, String s, char[] c) {
    if (length < MIN_LENGTH || length > MAX_LENGTH || size == MAX_VALUES) {
      return;
    }
    long h = 0;
    for (int i = 0; i < length; i++) {
      h = h * BASE + (s != null ? s.charAt(i) : c[i]);
    }
    if (lengths == null) {
      lengths = new int[MAX_VALUES];
      hashes = new long[MAX_VALUES];
    }
    for (int i = 0; i < size; i++) {
      if (lengths[i] == length && hashes[i] == h) {
        return;
      }
    }
    lengths[size] = length;
    hashes[size++] = h;
  }

  /** {@code text} with every stretch whose fingerprint is known replaced by one marker. */
  public synchronized String scrub(String text) {
    if (text == null || size == 0 || text.length() < MIN_LENGTH) {
      return text;
    }
    boolean[] hidden = null;
    for (int k = 0; k < size; k++) {
      int length = lengths[k];
      if (length > text.length() || isDuplicateLength(k)) {
        continue;
      }
      hidden = mark(text, length, hidden);
    }
    return hidden == null ? text : replace(text, hidden);
  }

  private boolean isDuplicateLength(int k) {
    for (int i = 0; i < k; i++) {
      if (lengths[i] == lengths[k]) {
        return true;
      }
    }
    return false;
  }

  /** One rolling pass over {@code text} for every fingerprint of {@code length}. */
  private boolean[] mark(String text, int length, boolean[] hidden) {
    long top = 1;
    for (int i = 1; i < length; i++) {
      top *= BASE;
    }
    long h = 0;
    for (int i = 0; i < length; i++) {
      h = h * BASE + text.charAt(i);
    }
    for (int start = 0; ; start++) {
      if (matches(length, h)) {
        if (hidden == null) {
          hidden = new boolean[text.length()];
        }
        for (int i = start; i < start + length; i++) {
          hidden[i] = true;
        }
      }
      int next = start + length;
      if (next >= text.length()) {
        return hidden;
      }
      h = (h - text.charAt(start) * top) * BASE + text.charAt(next);
    }
  }

  private boolean matches(int length, long h) {
    for (int i = 0; i < size; i++) {
      if (lengths[i] == length && hashes[i] == h) {
        return true;
      }
    }
    return false;
  }

  private static String replace(String text, boolean[] hidden) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!hidden[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !hidden[i - 1]) {
        out.append(Redactor.REDACTED);
      }
    }
    return out.toString();
  }
}
