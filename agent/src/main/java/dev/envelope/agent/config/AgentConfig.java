package dev.envelope.agent.config;

import dev.envelope.agent.capture.CaptureLimits;

/** The agent's settings, checked and typed. See {@link ConfigReader} for where they come from. */
public final class AgentConfig {
  private final boolean enabled;
  private final String eventsFile;
  private final boolean eventsStdout;
  private final boolean eventsStrict;
  private final String redactKeys;
  private final CaptureLimits limits;
  private final boolean debug;
  private final InstrumentedMethods instrumented;
  private final ViewerConfig viewer;

  AgentConfig(boolean enabled, String eventsFile, boolean eventsStdout, boolean eventsStrict,
      String redactKeys, CaptureLimits limits, boolean debug, InstrumentedMethods instrumented,
      ViewerConfig viewer) {
    this.viewer = viewer;
    this.eventsStrict = eventsStrict;
    this.enabled = enabled;
    this.eventsFile = eventsFile;
    this.eventsStdout = eventsStdout;
    this.redactKeys = redactKeys;
    this.limits = limits;
    this.debug = debug;
    this.instrumented = instrumented;
  }

  /** The defaults, as documented. */
  public static AgentConfig defaults() {
    return new AgentConfig(true, "envelope-events.jsonl", false, false, null,
        CaptureLimits.DEFAULTS,
        false, InstrumentedMethods.NONE, ViewerConfig.OFF);
  }

  public boolean enabled() {
    return enabled;
  }

  /** The JSON Lines destination, or {@code null} when switched off. */
  public String eventsFile() {
    return eventsFile;
  }

  public boolean eventsStdout() {
    return eventsStdout;
  }

  /**
   * Strict audit mode, an operator's choice: an admission whose {@code admitted} line cannot be
   * written to the events file fails instead of running. Only with an events file.
   */
  public boolean eventsStrict() {
    return eventsStrict;
  }

  /** Extra regex of keys to redact, or {@code null}. */
  public String redactKeys() {
    return redactKeys;
  }

  public CaptureLimits limits() {
    return limits;
  }

  public boolean debug() {
    return debug;
  }

  /** Admissions and grants declared by configuration ({@code instrument}, {@code config}). */
  public InstrumentedMethods instrumented() {
    return instrumented;
  }

  /** The live envelope view; {@link ViewerConfig#OFF} unless {@code viewer.port} is set. */
  public ViewerConfig viewer() {
    return viewer;
  }
}
