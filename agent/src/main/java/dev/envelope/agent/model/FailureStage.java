package dev.envelope.agent.model;

/** Which part of the lifecycle an envelope failed in. */
public enum FailureStage {
  /** Before anything was granted: validation, policy, the admission method itself. */
  ADMISSION("admission"),
  /** Inside a grant step. */
  RESOLUTION("resolution"),
  /** After a grant, before the admission completed. */
  FINALIZATION("finalization");

  private final String wireName;

  FailureStage(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
