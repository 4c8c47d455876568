package dev.envelope.weaving.targets;

import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Granted;
import dev.envelope.annotations.Requested;

/** Loaded before the agent installs: woven by retransformation. */
public class PreloadedService {

  @ExecutionAdmission(kind = ExecutionKind.PIPELINE_STEP, service = "pipeline")
  public String run(@Requested("input") String input) {
    reserve("slot-1");
    return input.toUpperCase(java.util.Locale.ROOT);
  }

  @Grant
  void reserve(@Granted("slot") String slot) {}
}
