package dev.envelope.agent.model;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter so ids made in
 * the same millisecond by this process still sort in creation order, then 62 random bits.
 */
public final class EnvelopeIds {
  /** Last issued (millis << 12 | counter); only ever grows. */
  private static final AtomicLong LAST = new AtomicLong();
  private static final long RANDOM_SALT = new SecureRandom().nextLong();

  private EnvelopeIds() {}

  public static UUID next() {
    return next(System.currentTimeMillis());
  }

  /** {@link #next()} as its canonical string, without keeping the {@link UUID}. */
  public static String nextString() {
    return next().toString();
  }

  static UUID next(long nowMillis) {
    long stamp;
    while (true) {
      long last = LAST.get();
      long candidate = Math.max(nowMillis << 12, last + 1);
      if (LAST.compareAndSet(last, candidate)) {
        stamp = candidate;
        break;
      }
    }
    long millis = stamp >>> 12;
    long counter = stamp & 0xFFFL;
    long msb = (millis << 16) | 0x7000L | counter;
    long random = ThreadLocalRandom.current().nextLong() ^ RANDOM_SALT;
    long lsb = (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
