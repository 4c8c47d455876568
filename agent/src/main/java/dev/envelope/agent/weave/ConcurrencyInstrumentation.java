package dev.envelope.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Makes the envelope's context follow work handed to {@code java.util.concurrent} when no other
 * agent does it: tasks remember the context they were created in ({@code FutureTask},
 * {@code ForkJoinTask} and so every {@code CompletableFuture} async step) and restore it while
 * they run; a plain runnable given to a {@code ThreadPoolExecutor} is wrapped. Needs the bridge in
 * the bootstrap class loader, since the woven classes are the JDK's own.
 */
public final class ConcurrencyInstrumentation {
  private ConcurrencyInstrumentation() {}

  public static ResettableClassFileTransformer install(Instrumentation instrumentation) {
    ClassLoader agentLoader = ConcurrencyInstrumentation.class.getClassLoader();
    return new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(new TransformListener())
        .ignore(none())
        .type(named("java.util.concurrent.FutureTask"))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(isConstructor(), TaskCreatedAdvice.class.getName())
            .advice(named("run").and(takesArguments(0)), TaskRunAdvice.class.getName())
            .advice(named("runAndReset").and(takesArguments(0)),
                PeriodicTaskRunAdvice.class.getName()))
        .type(named("java.util.concurrent.ForkJoinTask"))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(isConstructor().and(takesArguments(0)), TaskCreatedAdvice.class.getName())
            .advice(named("doExec").and(takesArguments(0)), TaskRunAdvice.class.getName()))
        // A CompletableFuture without a pool to spare (one core, or two) runs its async steps on
        // threads of their own, calling run() rather than the fork/join machinery.
        .type(namedOneOf("java.util.concurrent.CompletableFuture$AsyncSupply",
            "java.util.concurrent.CompletableFuture$AsyncRun",
            "java.util.concurrent.CompletableFuture$Completion"))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(named("run").and(takesArguments(0)), TaskRunAdvice.class.getName()))
        .type(named("java.util.concurrent.ThreadPoolExecutor"))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(named("execute").and(takesArguments(1))
                .and(takesArgument(0, Runnable.class)), ExecuteAdvice.class.getName()))
        .installOn(instrumentation);
  }
}
