package dev.envelope.sample.evaluation;

/**
 * What scheduling granted: the amounts and queue go to an envelope's {@code granted} family, the
 * job id and scheduler to its {@code resolution}.
 *
 * @param sampleCount samples the job evaluates
 * @param gpuCount GPUs its workers get
 * @param queue the queue it waits in
 * @param jobId e.g. {@code eval-000001}
 * @param scheduler the scheduler that runs it
 */
public record JobTicket(int sampleCount, int gpuCount, String queue, String jobId, String scheduler) {}
