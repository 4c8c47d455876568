package dev.envelope.sample.serving;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks the meaning of a {@link DeployModelRequest} whose fields already have the right types.
 * Fields are checked in declaration order and the first problem is reported, so the same request
 * always gets the same message.
 */
public final class RequestValidator {

  /** Largest ask accepted at all; larger asks are typos, not something to narrow. */
  public static final BigDecimal MAX_GPU_COUNT = new BigDecimal("1024");

  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
  private static final Set<String> PRIORITIES = Set.of("low", "normal", "high");

  private final EngineCatalog engines;
  private final SortedSet<String> locations;

  /** Creates a validator accepting the engines of {@code engines} and the given locations. */
  public RequestValidator(EngineCatalog engines, Set<String> locations) {
    this.engines = engines;
    this.locations = Collections.unmodifiableSortedSet(new TreeSet<>(locations));
  }

  /**
   * Checks {@code body}.
   *
   * @throws InvalidRequestException describing the first problem found
   */
  public void validate(DeployModelRequest body) {
    if (body == null) {
      throw invalid("request body is required");
    }
    if (body.model() == null) {
      throw invalid("model is required");
    }
    if (!MODEL.matcher(body.model()).matches()) {
      throw invalid("model must be 1 to 128 characters: letters, digits and . _ : / -,"
          + " starting with a letter or digit");
    }
    if (body.engine() == null) {
      throw invalid("engine is required");
    }
    if (engines.version(body.engine()).isEmpty()) {
      throw invalid("unsupported engine '" + body.engine() + "' (supported: "
          + String.join(", ", engines.engines()) + ")");
    }
    validateGpuCount(body.gpuCount());
    if (body.cpu() != null && body.cpu().signum() <= 0) {
      throw invalid("cpu must be greater than 0");
    }
    requirePositive("memory_gb", body.memoryGb());
    if (body.location() != null && !locations.contains(body.location())) {
      throw invalid("unsupported location '" + body.location() + "' (supported: "
          + String.join(", ", locations) + ")");
    }
    requirePositive("concurrency", body.concurrency());
    requirePositive("timeout_s", body.timeoutS());
    if (body.priority() != null && !PRIORITIES.contains(body.priority())) {
      throw invalid("priority must be one of low, normal, high");
    }
  }

  private static void validateGpuCount(BigDecimal gpuCount) {
    if (gpuCount == null) {
      throw invalid("gpu_count is required");
    }
    if (gpuCount.signum() <= 0) {
      throw invalid("gpu_count must be greater than 0");
    }
    // Checked before the step test so a huge exponent never reaches stripTrailingZeros.
    if (gpuCount.compareTo(MAX_GPU_COUNT) > 0) {
      throw invalid("gpu_count must be at most " + MAX_GPU_COUNT);
    }
    if (!GpuAmounts.isWholeSteps(gpuCount)) {
      throw invalid("gpu_count must be a multiple of " + GpuAmounts.STEP);
    }
  }

  private static void requirePositive(String field, Integer value) {
    if (value != null && value <= 0) {
      throw invalid(field + " must be greater than 0");
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(message);
  }
}
