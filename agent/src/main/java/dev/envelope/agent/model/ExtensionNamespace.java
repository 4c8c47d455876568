package dev.envelope.agent.model;

import java.util.regex.Pattern;

/** Invariant 4: service-specific data lives only under a dotted lower-case namespace. */
public final class ExtensionNamespace {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private ExtensionNamespace() {}

  /** Returns {@code namespace} or throws with a one-line reason. */
  public static String check(String namespace) {
    if (namespace == null || !VALID.matcher(namespace).matches()) {
      throw new IllegalArgumentException("extension namespace '" + namespace
          + "' is not dotted lower case (e.g. 'serving.vllm')");
    }
    String head = namespace.contains(".") ? namespace.substring(0, namespace.indexOf('.')) : namespace;
    for (Family family : Family.values()) {
      if (family.wireName().equals(head)) {
        throw new IllegalArgumentException("extension namespace '" + namespace
            + "' starts with the core family name '" + head + "'");
      }
    }
    if (head.equals("extensions") || head.equals("failure") || head.equals("envelope")) {
      throw new IllegalArgumentException("extension namespace '" + namespace
          + "' starts with the reserved name '" + head + "'");
    }
    return namespace;
  }
}
