package dev.envelope.agent.weave;

import dev.envelope.agent.diag.Diagnostics;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Reports classes that could not be woven: ByteBuddy would otherwise drop the error silently. */
final class TransformListener extends AgentBuilder.Listener.Adapter {
  @Override
  public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
      boolean loaded, DynamicType dynamicType) {
    Diagnostics.debug("woven " + type.getName() + (loaded ? " (retransformed)" : ""));
  }

  @Override
  public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
      Throwable error) {
    Diagnostics.warnRateLimited("weave:" + typeName, "could not weave " + typeName
        + "; it runs unchanged: " + Diagnostics.describe(error));
  }
}
