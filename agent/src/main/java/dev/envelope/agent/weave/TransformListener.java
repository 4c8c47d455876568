package dev.envelope.agent.weave;

import dev.envelope.agent.diag.Diagnostics;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.pool.TypePool;
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
    if (error instanceof TypePool.Resolution.NoSuchTypeException) {
      // A class whose class file cannot be found (a generated proxy, another agent's class, or a
      // JDK class another agent reshaped) is none of the agent's business: nothing to weave there.
      Diagnostics.debug("skipped " + typeName + ": " + Diagnostics.describe(error));
      return;
    }
    Diagnostics.warnRateLimited("weave:" + typeName, "could not weave " + typeName
        + "; it runs unchanged: " + Diagnostics.describe(error));
  }
}
