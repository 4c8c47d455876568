package dev.envelope.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.envelope.agent.capture.AnnotationNames;
import dev.envelope.agent.config.InstrumentedMethods;
import dev.envelope.agent.config.MethodSpec;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves {@link AdmissionAdvice} and {@link GrantAdvice} into every method annotated
 * {@code @ExecutionAdmission} or {@code @Grant}: in classes loaded later and, by retransformation,
 * in classes already loaded. Class formats never change, so retransformation is always allowed.
 */
public final class AgentInstaller {
  private AgentInstaller() {}

  /**
   * ByteBuddy's switch that keeps it from reaching for {@code sun.misc.Unsafe}, which new JVMs warn
   * about on stderr. The agent inlines advice and injects nothing, so it needs none of that. The
   * build relocates this name with ByteBuddy, so it only ever affects the agent's own copy.
   */
  static final String BYTEBUDDY_SAFE = "net.bytebuddy.safe";

  public static ResettableClassFileTransformer install(Instrumentation instrumentation) {
    return install(instrumentation, InstrumentedMethods.NONE, false);
  }

  /**
   * @param instrumented methods that configuration makes admissions or grants: woven like
   *     annotated ones, in any class loader, whether or not it can see the annotations
   * @param jdk also weave the JDK: carry the context through {@code java.util.concurrent}
   *     ({@link ConcurrencyInstrumentation}) and across HTTP ({@link HttpInstrumentation}); needs
   *     the bridge in the bootstrap class loader
   */
  public static ResettableClassFileTransformer install(Instrumentation instrumentation,
      InstrumentedMethods instrumented, boolean jdk) {
    if (System.getProperty(BYTEBUDDY_SAFE) == null) {
      System.setProperty(BYTEBUDDY_SAFE, "true");
    }
    ElementMatcher.Junction<MethodDescription> admission = wovenMethod().and(
        isAnnotatedWith(named(AnnotationNames.EXECUTION_ADMISSION))
            .or(new ConfiguredMethod(instrumented, MethodSpec.Role.ADMISSION)));
    ElementMatcher.Junction<MethodDescription> grant = wovenMethod().and(
        isAnnotatedWith(named(AnnotationNames.GRANT))
            .or(new ConfiguredMethod(instrumented, MethodSpec.Role.GRANT)));
    AnnotationLoaderFilter annotationLoaders = new AnnotationLoaderFilter();
    ElementMatcher.Junction<TypeDescription> ignoredTypes = IgnoredTypes.matcher();
    ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
    AgentBuilder builder = new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(new TransformListener())
        .ignore((type, loader, module, redefined, domain) -> {
          String name = type.getName();
          if (jdk && (ConcurrencyInstrumentation.TYPES.contains(name)
              || HttpInstrumentation.TYPES.contains(name))) {
            return false;
          }
          return loader == null || ignoredTypes.matches(type)
              || !instrumented.declares(name) && !annotationLoaders.matches(loader);
        })
        .type(named(AnnotationNames.ENVELOPES_API))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(isStatic().and(named("snapshot")).and(takesArguments(0)),
                CurrentEnvelopeAdvice.class.getName())
            .advice(isStatic().and(named("extend")).and(takesArguments(2)),
                AddExtensionAdvice.class.getName()))
        .type(declaresMethod(admission.or(grant)))
        .transform(new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(admission, AdmissionAdvice.class.getName())
            .advice(grant, GrantAdvice.class.getName()));
    if (jdk) {
      builder = ConcurrencyInstrumentation.extend(builder, agentLoader);
      builder = HttpInstrumentation.extend(builder, agentLoader);
    }
    return builder.installOn(instrumentation);
  }

  /**
   * Methods with code of their own. Bridge methods are left out: javac copies the annotations of a
   * generic override onto its bridge, which only forwards to the real method and would otherwise
   * open a second, nested envelope for the same call.
   */
  private static ElementMatcher.Junction<MethodDescription> wovenMethod() {
    return isMethod().and(not(isAbstract())).and(not(isNative())).and(not(isBridge()));
  }
}
