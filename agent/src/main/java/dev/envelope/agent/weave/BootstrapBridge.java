package dev.envelope.agent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Defines the bridge classes that woven code calls in the bootstrap class loader, so a class in any
 * loader (an isolated plugin loader, a child-first web app) can reach the agent. The classes are
 * defined directly rather than by appending a jar to the bootstrap search path, which would make
 * the JVM warn that class data sharing is now limited. Must run before anything loads them.
 */
public final class BootstrapBridge {
  static final String[] CLASSES = {
    "dev.envelope.agent.bootstrap.Dispatcher",
    "dev.envelope.agent.bootstrap.EnvelopeBridge",
  };

  private BootstrapBridge() {}

  public static void inject(Instrumentation instrumentation, ClassLoader agentLoader)
      throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (String name : CLASSES) {
      String resource = name.replace('.', '/') + ".class";
      try (InputStream in = agentLoader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("missing " + resource + " in the agent jar");
        }
        classes.put(name, in.readAllBytes());
      }
    }
    ClassInjector.UsingUnsafe.Factory.resolve(instrumentation).make(null, null)
        .injectRaw(classes);
  }
}
