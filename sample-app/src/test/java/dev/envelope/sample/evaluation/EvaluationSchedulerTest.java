package dev.envelope.sample.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvaluationSchedulerTest {

  private final EvaluationScheduler scheduler = new EvaluationScheduler();

  @Test
  void queuesBySizeAndNumbersJobsFromOne() {
    assertThat(scheduler.schedule(1000, 2))
        .isEqualTo(new JobTicket(1000, 2, "eval-large", "eval-000001", "kueue"));
    assertThat(scheduler.schedule(500, 1))
        .isEqualTo(new JobTicket(500, 1, "eval-small", "eval-000002", "kueue"));
  }
}
