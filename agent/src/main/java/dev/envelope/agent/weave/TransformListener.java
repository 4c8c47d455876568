package dev.envelope.agent.weave;

import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.record.OtelAgentSpans;
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
    if (typeName.startsWith("java.") && OtelAgentSpans.agentPresent()) {
      // The OpenTelemetry agent reshaped this JDK class; it also carries the context through it,
      // and envelopes ride that context, so nothing is lost.
      Diagnostics.debug("left " + typeName + " to the OpenTelemetry agent: "
          + Diagnostics.describe(error));
      return;
    }
    Diagnostics.warnRateLimited("weave:" + typeName, "could not weave " + typeName
        + "; it runs unchanged: " + Diagnostics.describe(error));
  }
}
