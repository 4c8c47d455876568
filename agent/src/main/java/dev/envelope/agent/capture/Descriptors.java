package dev.envelope.agent.capture;

import java.lang.reflect.Method;

/** JVM method descriptors, to find the {@link Method} a woven call site names. */
final class Descriptors {
  private Descriptors() {}

  /** The declared method of {@code type} whose {@code name(params)ret} matches, or {@code null}. */
  static Method find(Class<?> type, String nameAndDescriptor) {
    int paren = nameAndDescriptor.indexOf('(');
    String name = paren < 0 ? nameAndDescriptor : nameAndDescriptor.substring(0, paren);
    String descriptor = paren < 0 ? "" : nameAndDescriptor.substring(paren);
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && descriptor(m).equals(descriptor)) {
        return m;
      }
    }
    return null;
  }

  static String descriptor(Method m) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : m.getParameterTypes()) {
      append(sb, p);
    }
    sb.append(')');
    append(sb, m.getReturnType());
    return sb.toString();
  }

  private static void append(StringBuilder sb, Class<?> c) {
    if (c.isArray()) {
      sb.append(c.getName().replace('.', '/'));
    } else if (c.isPrimitive()) {
      sb.append(c == int.class ? 'I' : c == long.class ? 'J' : c == boolean.class ? 'Z'
          : c == byte.class ? 'B' : c == char.class ? 'C' : c == short.class ? 'S'
          : c == float.class ? 'F' : c == double.class ? 'D' : 'V');
    } else {
      sb.append('L').append(c.getName().replace('.', '/')).append(';');
    }
  }
}
