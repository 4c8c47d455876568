package dev.envelope.annotations;

/**
 * What kind of execution an admission describes. Written in envelopes in lower snake case
 * ({@code PIPELINE_STEP} becomes {@code "pipeline_step"}).
 */
public enum ExecutionKind {
  DEPLOYMENT,
  INFERENCE,
  PIPELINE_STEP,
  EVALUATION,
  DATA_MOVEMENT,
  AGENT_ACTION,
  MAINTENANCE,
  OTHER
}
