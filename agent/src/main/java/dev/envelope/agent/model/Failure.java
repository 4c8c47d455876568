package dev.envelope.agent.model;

import java.util.Objects;

/**
 * Why an envelope failed. The reason is already cut and scrubbed by whoever builds it: the model
 * never sees the raw exception.
 */
public final class Failure {
  private final FailureStage stage;
  private final String errorType;
  private final String reason;

  private Failure(FailureStage stage, String errorType, String reason) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.errorType = Objects.requireNonNull(errorType, "errorType");
    this.reason = reason == null ? "" : reason;
  }

  public static Failure of(FailureStage stage, String errorType, String reason) {
    return new Failure(stage, errorType, reason);
  }

  public FailureStage stage() {
    return stage;
  }

  /** Fully qualified class name of the error. */
  public String errorType() {
    return errorType;
  }

  public String reason() {
    return reason;
  }
}
