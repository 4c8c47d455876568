package dev.envelope.agent.config;

import java.util.Collections;
import java.util.List;

/**
 * One method made an admission or a grant by configuration rather than annotations: what
 * {@code envelope.instrument} or the {@code envelope.config} file says about it. Plain data, checked
 * when parsed.
 */
public final class MethodSpec {
  /** Whether the method opens an envelope or grants within one. */
  public enum Role {
    ADMISSION,
    GRANT
  }

  /** One argument position feeding a family ({@code caller}, ...) or an extension namespace. */
  public static final class Argument {
    public final int index;
    /** A family's wire name, or {@code null} for an extension. */
    public final String family;
    /** The extension namespace, or {@code null}. */
    public final String namespace;
    /** The key for a scalar, or the prefix for an object; may be empty. */
    public final String key;

    Argument(int index, String family, String namespace, String key) {
      this.index = index;
      this.family = family;
      this.namespace = namespace;
      this.key = key;
    }
  }

  public final String className;
  public final String methodName;
  /** The number of parameters, or -1 for any. */
  public final int parameterCount;
  public final Role role;
  /** For an admission: the execution kind in lower snake case, the service and the operation. */
  public final String kind;
  public final String service;
  public final String operation;
  public final List<String> result;
  /** For a grant: the keys that go to {@code resolution}. */
  public final List<String> resolution;
  public final List<Argument> arguments;
  public final List<Integer> sensitive;

  MethodSpec(String className, String methodName, int parameterCount, Role role, String kind,
      String service, String operation, List<String> result, List<String> resolution,
      List<Argument> arguments, List<Integer> sensitive) {
    this.className = className;
    this.methodName = methodName;
    this.parameterCount = parameterCount;
    this.role = role;
    this.kind = kind;
    this.service = service;
    this.operation = operation;
    this.result = Collections.unmodifiableList(result);
    this.resolution = Collections.unmodifiableList(resolution);
    this.arguments = Collections.unmodifiableList(arguments);
    this.sensitive = Collections.unmodifiableList(sensitive);
  }

  /** Whether this spec selects the method {@code name} with {@code parameters} parameters. */
  public boolean selects(String name, int parameters) {
    return methodName.equals(name) && (parameterCount < 0 || parameterCount == parameters);
  }
}
