package dev.envelope.agent.model;

/** The core field families of an envelope. */
public enum Family {
  CALLER("caller", true),
  EXECUTION("execution", true),
  SCOPE("scope", true),
  GOVERNANCE("governance", true),
  REQUESTED("requested", true),
  GRANTED("granted", false),
  RESOLUTION("resolution", false);

  private final String wireName;
  private final boolean admission;

  Family(String wireName, boolean admission) {
    this.wireName = wireName;
    this.admission = admission;
  }

  public String wireName() {
    return wireName;
  }

  /** Families frozen at admission (invariant 1). */
  public boolean isAdmission() {
    return admission;
  }
}
