package dev.envelope.it.lifecycle;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Requested;
import dev.envelope.it.lifecycle.Model.Allocation;
import dev.envelope.it.lifecycle.Model.Ask;
import dev.envelope.it.lifecycle.Model.Ctx;
import dev.envelope.it.lifecycle.Model.Deployment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;

/** {@link Lifecycle}'s methods, marked {@code @ExecutionAdmission}. */
public class AnnotatedLifecycle extends Lifecycle {
  public AnnotatedLifecycle(Placer placer, ExecutorService pool, ScheduledExecutorService scheduler,
      ForkJoinPool forkJoin) {
    super(placer, pool, scheduler, forkJoin);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "lifecycle", operation = "multi_grant")
  public Deployment multiGrant(@Caller Ctx ctx, @Requested Ask ask) {
    return super.multiGrant(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.DATA_MOVEMENT, service = "lifecycle", operation = "void_grant")
  public String voidGrant(@Caller Ctx ctx, @Requested Ask ask) {
    return super.voidGrant(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "lifecycle", operation = "grant_throws")
  public Deployment grantThrows(@Caller Ctx ctx, @Requested Ask ask) {
    return super.grantThrows(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "lifecycle", operation = "fails_after_grant")
  public Deployment failsAfterGrant(@Caller Ctx ctx, @Requested Ask ask) {
    return super.failsAfterGrant(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.PIPELINE_STEP, service = "lifecycle", operation = "outer")
  public Deployment outer(@Caller Ctx ctx, @Requested Ask ask) {
    return super.outer(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.PIPELINE_STEP, service = "lifecycle", operation = "inner")
  public Deployment inner(@Caller Ctx ctx, @Requested Ask ask) {
    return super.inner(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "lifecycle", operation = "result_selection",
      result = {"deploymentId->deployment_id", "node"})
  public Deployment resultSelection(@Caller Ctx ctx, @Requested Ask ask) {
    return super.resultSelection(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "lifecycle", operation = "executor_submit")
  public Allocation executorSubmit(@Caller Ctx ctx, @Requested Ask ask) throws Exception {
    return super.executorSubmit(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "lifecycle", operation = "executor_execute")
  public String executorExecute(@Caller Ctx ctx, @Requested Ask ask) throws Exception {
    return super.executorExecute(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.EVALUATION, service = "lifecycle", operation = "scheduled")
  public Allocation scheduled(@Caller Ctx ctx, @Requested Ask ask) throws Exception {
    return super.scheduled(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.AGENT_ACTION, service = "lifecycle", operation = "completable_async")
  public Allocation completableAsync(@Caller Ctx ctx, @Requested Ask ask) {
    return super.completableAsync(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.AGENT_ACTION, service = "lifecycle", operation = "fork_join")
  public List<Allocation> forkJoin(@Caller Ctx ctx, @Requested Ask ask) {
    return super.forkJoin(ctx, ask);
  }

  @Override
  @ExecutionAdmission(kind = ExecutionKind.EVALUATION, service = "lifecycle", operation = "async_admission")
  public CompletableFuture<Allocation> asyncAdmission(@Caller Ctx ctx, @Requested Ask ask) {
    return super.asyncAdmission(ctx, ask);
  }
}
