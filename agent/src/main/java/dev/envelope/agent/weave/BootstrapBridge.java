package dev.envelope.agent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Defines the bridge classes that woven code calls in the bootstrap class loader, so a class in any
 * loader (an isolated plugin loader, a child-first web app) can reach the agent.
 *
 * <p>The classes are defined through {@code jdk.internal.misc.Unsafe}, opened to the agent alone by
 * {@link Instrumentation#redefineModule}: appending a jar to the bootstrap search path makes the JVM
 * warn that class data sharing is now limited, and {@code sun.misc.Unsafe} draws deprecation
 * warnings on new JVMs. Must run before anything loads the bridge classes.
 */
public final class BootstrapBridge {
  static final String[] CLASSES = {
    "dev.envelope.agent.bootstrap.Dispatcher",
    "dev.envelope.agent.bootstrap.EnvelopeBridge",
  };
  private static final String INTERNAL_PACKAGE = "jdk.internal.misc";

  private BootstrapBridge() {}

  public static void inject(Instrumentation instrumentation, ClassLoader agentLoader)
      throws Exception {
    Module base = Object.class.getModule();
    Module agent = BootstrapBridge.class.getModule();
    Map<String, Set<Module>> toAgent = Collections.singletonMap(INTERNAL_PACKAGE, Set.of(agent));
    instrumentation.redefineModule(base, Collections.emptySet(), toAgent, toAgent,
        Collections.emptySet(), Collections.emptyMap());
    Class<?> unsafeType = Class.forName(INTERNAL_PACKAGE + ".Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class,
        int.class, ClassLoader.class, java.security.ProtectionDomain.class);
    for (String name : CLASSES) {
      byte[] bytes = read(agentLoader, name.replace('.', '/') + ".class");
      define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
    }
  }

  private static byte[] read(ClassLoader loader, String resource) throws IOException {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing " + resource + " in the agent jar");
      }
      return in.readAllBytes();
    }
  }
}
