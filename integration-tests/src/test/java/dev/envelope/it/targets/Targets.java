package dev.envelope.it.targets;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Requested;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Method shapes the agent must weave: each is its own operation so the test can tell them apart. */
public final class Targets {
  private Targets() {}

  /** Who asks. */
  public record Ctx(String requesterUrn, String tenantId) {}

  /** A nested ask. */
  public record Ask(String model, Resources resources) {}

  public record Resources(int gpuCount, double memoryGb) {}

  public record Allocation(double gpuCount, String node) {}

  /** An instance admission with a grant step in another class. */
  public static class InstanceService {
    private final Placer placer = new Placer();

    @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "targets", operation = "instance_op")
    public Allocation deploy(@Caller Ctx ctx, @Requested Ask ask) {
      return placer.place(ask);
    }
  }

  public static class Placer {
    @Grant(resolution = "node")
    Allocation place(Ask ask) {
      return new Allocation(ask.resources().gpuCount() / 2.0, "node-" + ask.model().length());
    }
  }

  public static final class StaticService {
    private StaticService() {}

    @ExecutionAdmission(kind = ExecutionKind.PIPELINE_STEP, service = "targets", operation = "static_op")
    public static int handle(@Requested("size") int size) {
      return size * 2;
    }

    /** The operation name defaults to the method name in snake_case. */
    @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "targets")
    public static long defaultOperationName(@Requested long count) {
      return count + 1;
    }
  }

  /** A default interface method. */
  public interface DefaultIface {
    @ExecutionAdmission(kind = ExecutionKind.AGENT_ACTION, service = "targets", operation = "default_op")
    default String act(@Requested("target") String target) {
      return "acted on " + target;
    }
  }

  public static final class DefaultImpl implements DefaultIface {}

  /** Generic methods and a generic class. */
  public static final class GenericService<C extends CharSequence> {
    @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "targets", operation = "generic_op")
    public <T extends Comparable<T>> T max(@Requested("left") T left, @Requested("right") T right) {
      return left.compareTo(right) >= 0 ? left : right;
    }

    @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "targets", operation = "generic_class_op")
    public int length(@Requested("text") C text) {
      return text.length();
    }
  }

  public static final class VarargsService {
    @ExecutionAdmission(kind = ExecutionKind.DATA_MOVEMENT, service = "targets", operation = "varargs_op")
    public int count(@Requested("first") String first, @Requested("tags") String... tags) {
      return tags.length + 1;
    }
  }

  /** A generic interface: its implementation gets a bridge method carrying the same annotation. */
  public interface Handler<T> {
    String handle(T request);
  }

  public static final class AskHandler implements Handler<Ask> {
    @Override
    @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "targets", operation = "bridged_op")
    public String handle(@Requested Ask request) {
      return "handled " + request.model();
    }
  }

  /** Admissions whose result arrives later, on another thread. */
  public static final class AsyncService {
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "async-completer");
      t.setDaemon(true);
      return t;
    });

    @ExecutionAdmission(kind = ExecutionKind.EVALUATION, service = "targets", operation = "async_ok")
    public CompletableFuture<Allocation> start(@Requested("n") int n) {
      CompletableFuture<Allocation> f = new CompletableFuture<>();
      later.schedule(() -> f.complete(new Allocation(n, "async-node")), 200, TimeUnit.MILLISECONDS);
      return f;
    }

    @ExecutionAdmission(kind = ExecutionKind.EVALUATION, service = "targets", operation = "async_fail")
    public CompletableFuture<Allocation> startFailing(@Requested("n") int n) {
      CompletableFuture<Allocation> f = new CompletableFuture<>();
      later.schedule(() -> f.completeExceptionally(
          new CompletionException(new IllegalStateException("evaluator crashed on " + n))),
          200, TimeUnit.MILLISECONDS);
      return f;
    }

    /**
     * Waits until the completer thread is done: {@code join()} may return while that thread is
     * still running the stage's other dependents (the agent's among them).
     */
    public void finish() throws InterruptedException {
      later.shutdown();
      later.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** The application's own exception must reach the caller unchanged. */
  public static final class ThrowingService {
    public static final IllegalArgumentException ERROR = new IllegalArgumentException("bad ask");

    @ExecutionAdmission(kind = ExecutionKind.MAINTENANCE, service = "targets", operation = "throwing_op")
    public List<String> fail(@Requested("why") String why) {
      throw ERROR;
    }
  }
}
