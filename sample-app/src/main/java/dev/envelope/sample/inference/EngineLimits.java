package dev.envelope.sample.inference;

import java.util.Map;

/**
 * What each serving engine can do for one inference call: the longest output and whether it
 * streams. An ask beyond them is narrowed, not refused.
 */
public final class EngineLimits {

  /**
   * One engine's limits.
   *
   * @param maxOutputLen the longest output it produces, in characters
   * @param streaming whether it can stream an answer
   */
  public record Limit(int maxOutputLen, boolean streaming) {}

  private final Map<String, Limit> byEngine;

  /** Creates the limits from engine name to limit (copied). */
  public EngineLimits(Map<String, Limit> byEngine) {
    this.byEngine = Map.copyOf(byEngine);
  }

  /** {@code vllm} 2048 streaming, {@code tgi} 1024 streaming, {@code triton} 512 not streaming. */
  public static EngineLimits standard() {
    return new EngineLimits(Map.of(
        "vllm", new Limit(2048, true),
        "tgi", new Limit(1024, true),
        "triton", new Limit(512, false)));
  }

  /** The asked output length, lowered to what {@code engine} produces. */
  public int clampOutputLen(String engine, int asked) {
    return Math.min(asked, limit(engine).maxOutputLen());
  }

  /** Whether streaming is granted: asked for and supported by {@code engine}. */
  public boolean grantStreaming(String engine, boolean asked) {
    return asked && limit(engine).streaming();
  }

  private Limit limit(String engine) {
    Limit limit = byEngine.get(engine);
    if (limit == null) {
      // Every deployment was validated against the engine catalog; a gap here is a setup error.
      throw new IllegalStateException("no inference limits for engine " + engine);
    }
    return limit;
  }
}
