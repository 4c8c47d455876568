package dev.envelope.agent.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The values captured as they are, converted to the envelope's four types: string, long, double,
 * boolean. Only JDK value types are converted; no user {@code toString()} is ever called.
 */
final class Scalars {
  /** Returned for anything that is not a scalar. */
  static final Object NOT_SCALAR = new Object();

  private Scalars() {}

  static boolean isScalarType(Class<?> type) {
    return type == String.class || type == Boolean.class || type == Character.class
        || Number.class.isAssignableFrom(type) && isJdk(type)
        || type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())
        || type == UUID.class
        || TemporalAccessor.class.isAssignableFrom(type) && isJdk(type)
        || type == java.time.Duration.class || type == java.time.Period.class
        || type.isPrimitive();
  }

  private static boolean isJdk(Class<?> type) {
    return type.getClassLoader() == null;
  }

  /** Counts, sizes and ports repeat call after call: their boxes are made once. */
  private static final Long[] SMALL_LONGS = new Long[4096];

  static {
    for (int i = 0; i < SMALL_LONGS.length; i++) {
      SMALL_LONGS[i] = (long) i;
    }
  }

  private static Long boxed(long value) {
    return value >= 0 && value < SMALL_LONGS.length ? SMALL_LONGS[(int) value] : Long.valueOf(value);
  }

  /** The normalized value, or {@link #NOT_SCALAR}. */
  static Object normalize(Object value, int maxStringLength) {
    if (value instanceof String) {
      return cut((String) value, maxStringLength);
    }
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return boxed(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Number) {
      return fromOtherNumber(value, maxStringLength);
    }
    if (value instanceof Character) {
      return String.valueOf((char) (Character) value);
    }
    if (value instanceof Enum) {
      return ((Enum<?>) value).name();
    }
    if (value == null) {
      return NOT_SCALAR;
    }
    Class<?> type = value.getClass();
    if (type.getClassLoader() == null && (value instanceof UUID || value instanceof TemporalAccessor
        || value instanceof java.time.Duration || value instanceof java.time.Period)) {
      return cut(value.toString(), maxStringLength);
    }
    return NOT_SCALAR;
  }

  private static Object fromOtherNumber(Object value, int maxStringLength) {
    // None of these classes is final: an application subclass may override what is called here,
    // so only the JDK's own are read as numbers.
    if (!isJdk(value.getClass())) {
      return NOT_SCALAR;
    }
    if (value instanceof AtomicInteger || value instanceof AtomicLong) {
      return boxed(((Number) value).longValue());
    }
    if (value instanceof BigDecimal) {
      return fromBigDecimal((BigDecimal) value, maxStringLength);
    }
    if (value instanceof BigInteger) {
      return fromBigInteger((BigInteger) value, maxStringLength);
    }
    return NOT_SCALAR;
  }

  /**
   * Digits past this many bits make a number's conversions slow (stripping the trailing zeros of
   * 10^100000 takes seconds): such a number is skipped, never converted on the caller's thread.
   */
  static final int MAX_BIG_BITS = 4096;
  private static final double LOG10_2 = Math.log10(2);

  private static Object fromBigInteger(BigInteger value, int maxStringLength) {
    int bits = value.bitLength();
    if (bits < 64) {
      return value.longValue();
    }
    // A number is written whole or not at all: cut, it would be another number.
    if (bits > MAX_BIG_BITS || bits * LOG10_2 > maxStringLength) {
      return NOT_SCALAR;
    }
    String digits = value.toString();
    return digits.length() <= maxStringLength ? digits : NOT_SCALAR;
  }

  private static Object fromBigDecimal(BigDecimal value, int maxStringLength) {
    if (value.signum() == 0) {
      return 0L;
    }
    if (value.unscaledValue().bitLength() > MAX_BIG_BITS) {
      return NOT_SCALAR;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    // In long arithmetic: a scale near Integer.MIN_VALUE would overflow and pass for small.
    if (stripped.scale() <= 0 && (long) stripped.precision() - stripped.scale() <= 18) {
      return stripped.longValueExact();
    }
    double d = value.doubleValue();
    if (Double.isInfinite(d)) {
      // Past the double range: the scientific form is short (1E+999999999), the plain one may not
      // fit in memory.
      String text = value.toString();
      return text.length() <= maxStringLength ? text : NOT_SCALAR;
    }
    return d;
  }

  /** Cuts at a code point boundary, so a surrogate pair is never split. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
      end--;
    }
    return s.substring(0, end);
  }
}
