package dev.envelope.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Makes the envelope's context follow work handed to {@code java.util.concurrent} when no other
 * agent does it: tasks remember the context they were created in ({@code FutureTask},
 * {@code ForkJoinTask} and so every {@code CompletableFuture} async step) and restore it while
 * they run; a plain runnable given to a {@code ThreadPoolExecutor} is wrapped. Needs the bridge in
 * the bootstrap class loader, since the woven classes are the JDK's own.
 */
public final class ConcurrencyInstrumentation {
  private static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
  private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
  private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
  private static final String[] ASYNC_STEPS = {
    "java.util.concurrent.CompletableFuture$AsyncSupply",
    "java.util.concurrent.CompletableFuture$AsyncRun",
    "java.util.concurrent.CompletableFuture$Completion",
  };
  /** Every JDK class woven here; the installer lets exactly these through its JDK filter. */
  static final Set<String> TYPES;

  static {
    Set<String> types = new HashSet<>(Arrays.asList(FUTURE_TASK, FORK_JOIN_TASK, THREAD_POOL));
    types.addAll(Arrays.asList(ASYNC_STEPS));
    TYPES = Collections.unmodifiableSet(types);
  }

  private ConcurrencyInstrumentation() {}

  /** Adds the transformations to {@code builder}, so one pass over loaded classes does all. */
  static AgentBuilder extend(AgentBuilder builder, ClassLoader agentLoader) {
    return builder
        .type(named(FUTURE_TASK))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(isConstructor(), TaskCreatedAdvice.class.getName())
            .advice(named("run").and(takesArguments(0)), TaskRunAdvice.class.getName())
            .advice(named("runAndReset").and(takesArguments(0)),
                PeriodicTaskRunAdvice.class.getName()))
        .type(named(FORK_JOIN_TASK))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(isConstructor().and(takesArguments(0)), TaskCreatedAdvice.class.getName())
            .advice(named("doExec").and(takesArguments(0)), TaskRunAdvice.class.getName()))
        // A CompletableFuture without a pool to spare (one core, or two) runs its async steps on
        // threads of their own, calling run() rather than the fork/join machinery.
        .type(namedOneOf(ASYNC_STEPS))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(named("run").and(takesArguments(0)), TaskRunAdvice.class.getName()))
        .type(named(THREAD_POOL))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(named("execute").and(takesArguments(1))
                .and(takesArgument(0, Runnable.class)), ExecuteAdvice.class.getName()));
  }
}
