package dev.envelope.agent.weave;

import dev.envelope.agent.config.InstrumentedMethods;
import dev.envelope.agent.config.MethodSpec;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Matches the methods configuration names for one role, by class, name and parameter count. */
final class ConfiguredMethod extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
  private final InstrumentedMethods instrumented;
  private final MethodSpec.Role role;

  ConfiguredMethod(InstrumentedMethods instrumented, MethodSpec.Role role) {
    this.instrumented = instrumented;
    this.role = role;
  }

  @Override
  public boolean matches(MethodDescription method) {
    return !instrumented.isEmpty()
        && instrumented.find(method.getDeclaringType().asErasure().getName(),
            method.getInternalName(), method.getParameters().size(), role) != null;
  }
}
