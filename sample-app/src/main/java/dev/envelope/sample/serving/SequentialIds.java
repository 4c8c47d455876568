package dev.envelope.sample.serving;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out {@code <prefix>000001}, {@code <prefix>000002}, … Counting from one per instance
 * keeps the answers of a fresh process reproducible, which random ids would not.
 */
public final class SequentialIds {

  private final String prefix;
  private final AtomicLong last = new AtomicLong();

  /** Creates a sequence whose ids start with {@code prefix}, e.g. {@code "dep-"}. */
  public SequentialIds(String prefix) {
    this.prefix = prefix;
  }

  /** The next id. */
  public String next() {
    return String.format("%s%06d", prefix, last.incrementAndGet());
  }
}
