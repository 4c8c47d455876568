package dev.envelope.agent.capture;

import dev.envelope.agent.config.MethodSpec;
import dev.envelope.agent.model.ExtensionNamespace;
import dev.envelope.agent.model.Family;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;

/** How one annotated parameter feeds a family or an extension namespace. */
final class ParameterPlan {
  final int index;
  /** {@code null} for an extension. */
  final Family family;
  final String namespace;
  final String prefix;
  final String scalarKey;
  final FieldSelection selection;
  final boolean sensitive;

  private ParameterPlan(int index, Family family, String namespace, String prefix,
      String scalarKey, FieldSelection selection, boolean sensitive) {
    this.index = index;
    this.family = family;
    this.namespace = namespace;
    this.prefix = prefix;
    this.scalarKey = scalarKey;
    this.selection = selection;
    this.sensitive = sensitive;
  }

  /**
   * The plan for parameter {@code index}, or {@code null} when it carries no family annotation.
   * Throws with a one-line reason when its annotation cannot be honoured.
   */
  static ParameterPlan of(Parameter parameter, int index) throws Exception {
    Annotation[] annotations = parameter.getDeclaredAnnotations();
    boolean sensitive = AnnotationNames.find(annotations, AnnotationNames.SENSITIVE) != null;
    String name = parameter.isNamePresent() ? parameter.getName() : "arg" + index;
    for (Annotation a : annotations) {
      String type = a.annotationType().getName();
      if (!type.startsWith(AnnotationNames.PACKAGE)) {
        continue;
      }
      String simple = type.substring(AnnotationNames.PACKAGE.length());
      boolean extension = simple.equals("Extension");
      Family family = familyOf(simple);
      if (!extension && family == null) {
        continue; // @Sensitive, read above, feeds no family of its own
      }
      FieldSelection selection = FieldSelection.parse(AnnotationNames.strings(a, "fields"));
      if (extension) {
        String namespace = ExtensionNamespace.check(AnnotationNames.string(a, "value"));
        return new ParameterPlan(index, null, namespace, "", KeyNames.snakeCase(name), selection,
            sensitive);
      }
      String prefix = KeyNames.snakePath(AnnotationNames.string(a, "value").trim());
      return new ParameterPlan(index, family, null, prefix, KeyNames.snakeCase(name), selection,
          sensitive);
    }
    return null;
  }

  /**
   * Whether the argument itself is a secret the agent holds in hand: marked sensitive, or captured
   * under a secret key. Its fingerprint lets a failure message that repeats it be scrubbed.
   */
  boolean isSecretArgument(Redactor redactor) {
    return sensitive || redactor.isSecretKey(prefix.isEmpty() ? scalarKey : prefix);
  }

  /** The plan for an argument position named by configuration. */
  static ParameterPlan of(Parameter parameter, int index, MethodSpec.Argument argument,
      boolean sensitive) {
    String name = parameter.isNamePresent() ? parameter.getName() : "arg" + index;
    String prefix = KeyNames.snakePath(argument.key);
    if (argument.namespace != null) {
      return new ParameterPlan(index, null, argument.namespace, prefix, KeyNames.snakeCase(name),
          FieldSelection.ALL, sensitive);
    }
    return new ParameterPlan(index, familyOfWireName(argument.family), null, prefix,
        KeyNames.snakeCase(name), FieldSelection.ALL, sensitive);
  }

  private static Family familyOfWireName(String wireName) {
    for (Family f : Family.values()) {
      if (f.wireName().equals(wireName)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown family " + wireName);
  }

  private static Family familyOf(String simpleName) {
    switch (simpleName) {
      case "Caller":
        return Family.CALLER;
      case "Requested":
        return Family.REQUESTED;
      case "Scope":
        return Family.SCOPE;
      case "Governance":
        return Family.GOVERNANCE;
      case "Granted":
        return Family.GRANTED;
      default:
        return null;
    }
  }
}
