package dev.envelope.weaving.targets;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import java.util.concurrent.CompletableFuture;

/** Awkward shapes of admission methods, loaded only after the agent is installed. */
public class LateService implements DefaultApi {

  @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "serving")
  public Deployment deployModel(@Caller Ctx ctx, @Requested Req req) {
    Alloc alloc = place(req);
    return new Deployment("d-" + req.model(), alloc.node());
  }

  @Grant(resolution = {"node"})
  public Alloc place(Req req) {
    return new Alloc(req.gpuCount() / 8.0, "gpu-node-3");
  }

  @ExecutionAdmission(kind = ExecutionKind.MAINTENANCE, service = "ops")
  public static int compact(@Scope("workspace_id") String workspace) {
    return workspace.length();
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "generic")
  public <T extends Comparable<T>> T echo(@Requested("value") T value) {
    return value;
  }

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "tags")
  public String tag(@Requested("prefix") String prefix, @Requested("tags") String... tags) {
    return prefix + String.join(",", tags);
  }

  @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "math")
  public long scale(@Requested("n") int n, @Requested("ratio") double ratio, long[] ignored) {
    return Math.round(n * ratio);
  }

  @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "serving")
  public CompletableFuture<Deployment> deployAsync(@Requested Req req,
      CompletableFuture<Deployment> pending) {
    return pending;
  }

  @ExecutionAdmission(kind = ExecutionKind.AGENT_ACTION, service = "agent")
  public void fail(@Requested("what") String what, RuntimeException toThrow) {
    throw toThrow;
  }

  @ExecutionAdmission(kind = ExecutionKind.AGENT_ACTION, service = "agent")
  public void failChecked(Exception toThrow) throws Exception {
    throw toThrow;
  }

  @ExecutionAdmission(kind = ExecutionKind.DATA_MOVEMENT, service = "data")
  public void nothing() {}

  /** Not annotated: never woven, never recorded. */
  public String plain(String s) {
    return s;
  }
}
