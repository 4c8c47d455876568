package dev.envelope.agent;

import dev.envelope.agent.config.AgentConfig;
import dev.envelope.agent.config.ConfigReader;
import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.weave.BootstrapBridge;
import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point, kept thin: it reads the settings, puts the bridge classes in
 * the bootstrap loader and hands over to {@link AgentRuntime}. Whatever goes wrong, it says so in
 * one line and lets the application start.
 */
public final class EnvelopeAgent {
  private static final String BRIDGE = "dev.envelope.agent.bootstrap.EnvelopeBridge";
  private static boolean started;

  private EnvelopeAgent() {}

  public static void premain(String args, Instrumentation instrumentation) {
    start(args, instrumentation, false);
  }

  /** Attaching to a running JVM: classes already loaded are retransformed. */
  public static void agentmain(String args, Instrumentation instrumentation) {
    start(args, instrumentation, true);
  }

  private static synchronized void start(String args, Instrumentation instrumentation,
      boolean attached) {
    try {
      if (started || bridgeInstalledByAnotherCopy()) {
        Diagnostics.warn("the envelope agent is already attached to this JVM; ignoring this one"
            + (args == null || args.trim().isEmpty() ? "" : " and its settings '" + args + "'"));
        return;
      }
      AgentConfig config = ConfigReader.read(args, Diagnostics::warn);
      Diagnostics.setDebug(config.debug());
      if (!config.enabled()) {
        Diagnostics.debug("envelope.enabled=false: installing nothing");
        return;
      }
      started = true;
      boolean bridgeInBootstrap = false;
      try {
        BootstrapBridge.inject(instrumentation, EnvelopeAgent.class.getClassLoader());
        bridgeInBootstrap = true;
      } catch (Throwable t) {
        Diagnostics.warn("could not add the bridge to the bootstrap class loader ("
            + Diagnostics.describe(t) + "); classes in isolated class loaders will not be recorded"
            + " and envelopes will not follow work to other threads");
      }
      // Loaded reflectively so that nothing links the bridge before it is in the bootstrap loader.
      Class.forName("dev.envelope.agent.AgentRuntime")
          .getMethod("start", AgentConfig.class, Instrumentation.class, boolean.class,
              boolean.class)
          .invoke(null, config, instrumentation, attached, bridgeInBootstrap);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
          ? t.getCause() : t;
      Diagnostics.warn("the envelope agent did not start; the application runs without it: "
          + Diagnostics.describe(cause));
    }
  }

  private static boolean bridgeInstalledByAnotherCopy() {
    try {
      Class<?> bridge = Class.forName(BRIDGE, false, null);
      return (Boolean) bridge.getMethod("isInstalled").invoke(null);
    } catch (Throwable notThere) {
      return false;
    }
  }
}
