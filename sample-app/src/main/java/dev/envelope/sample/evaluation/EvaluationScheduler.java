package dev.envelope.sample.evaluation;

import dev.envelope.annotations.Grant;
import dev.envelope.sample.serving.SequentialIds;

/**
 * Queues evaluation jobs: jobs above {@link #LARGE_JOB_SAMPLES} samples wait in {@code eval-large},
 * the rest in {@code eval-small}. Job ids count from one per scheduler.
 */
public final class EvaluationScheduler {

  /** Jobs with more samples than this go to the large queue. */
  public static final int LARGE_JOB_SAMPLES = 500;

  /** The scheduler that runs every job, as recorded in resolution. */
  public static final String SCHEDULER = "kueue";

  private final SequentialIds jobIds = new SequentialIds("eval-");

  /**
   * Queues a job with the amounts already decided. The agent records the returned ticket as the
   * grant; {@code job_id} and {@code scheduler} describe resolution rather than granted resources.
   */
  @Grant(resolution = {"job_id", "scheduler"})
  public JobTicket schedule(int sampleCount, int gpuCount) {
    String queue = sampleCount > LARGE_JOB_SAMPLES ? "eval-large" : "eval-small";
    return new JobTicket(sampleCount, gpuCount, queue, jobIds.next(), SCHEDULER);
  }
}
