package dev.envelope.weaving.targets;

import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Requested;

/** An admission in a default interface method. */
public interface DefaultApi {
  @ExecutionAdmission(kind = ExecutionKind.EVALUATION, service = "eval")
  default String describe(@Requested("model") String model) {
    return "described " + model;
  }
}
