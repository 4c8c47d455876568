package dev.envelope.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Types the agent never looks into: the JDK, itself, and other agents. Decided on the name alone,
 * before any class file is parsed.
 */
final class IgnoredTypes {
  private IgnoredTypes() {}

  static ElementMatcher.Junction<TypeDescription> matcher() {
    return nameStartsWith("java.")
        .or(nameStartsWith("javax."))
        .or(nameStartsWith("jdk."))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun."))
        .or(nameStartsWith("dev.envelope.agent."))
        .or(nameStartsWith("net.bytebuddy."))
        .or(nameStartsWith("io.opentelemetry.javaagent."))
        .or(nameStartsWith("co.elastic.apm."))
        .or(nameStartsWith("org.glowroot."))
        .or(nameStartsWith("com.newrelic."))
        .or(nameStartsWith("com.datadog.").or(nameStartsWith("datadog.")))
        .or(nameContainsByteBuddyAuxiliary())
        .or(isSynthetic());
  }

  private static ElementMatcher.Junction<TypeDescription> nameContainsByteBuddyAuxiliary() {
    return net.bytebuddy.matcher.ElementMatchers.nameContains("$$EnhancerBy")
        .or(net.bytebuddy.matcher.ElementMatchers.nameContains("$ByteBuddy$"))
        .or(net.bytebuddy.matcher.ElementMatchers.nameContains("$$Lambda"));
  }
}
