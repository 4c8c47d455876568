package dev.envelope.sample.serving;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Arithmetic on GPU amounts, which are handed out in steps of {@link #STEP}. */
public final class GpuAmounts {

  /** The smallest grant and the granularity of every grant: half a GPU. */
  public static final BigDecimal STEP = new BigDecimal("0.5");

  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  private GpuAmounts() {}

  /** Whether {@code amount} is a whole number of steps. */
  public static boolean isWholeSteps(BigDecimal amount) {
    // stripTrailingZeros stays cheap because the JSON parser bounds literal length.
    return amount.multiply(TWO).stripTrailingZeros().scale() <= 0;
  }

  /** The largest whole number of steps not above {@code amount}. */
  public static BigDecimal floorToStep(BigDecimal amount) {
    return normalize(amount.multiply(TWO).setScale(0, RoundingMode.FLOOR).divide(TWO));
  }

  /** The canonical form used in answers: {@code 2} rather than {@code 2.0}, {@code 10} not {@code 1E+1}. */
  public static BigDecimal normalize(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
