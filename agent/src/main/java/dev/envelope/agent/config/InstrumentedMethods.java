package dev.envelope.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The methods configuration makes admissions or grants, looked up by class and method. */
public final class InstrumentedMethods {
  public static final InstrumentedMethods NONE = new InstrumentedMethods(Collections.emptyList());

  private final Map<String, List<MethodSpec>> byClass = new HashMap<>();

  public InstrumentedMethods(List<MethodSpec> specs) {
    for (MethodSpec spec : specs) {
      byClass.computeIfAbsent(spec.className, k -> new ArrayList<>()).add(spec);
    }
  }

  public boolean isEmpty() {
    return byClass.isEmpty();
  }

  /** Classes named by at least one spec. */
  public Set<String> classNames() {
    return Collections.unmodifiableSet(byClass.keySet());
  }

  public boolean declares(String className) {
    return byClass.containsKey(className);
  }

  /** The spec with {@code role} selecting this method, or {@code null}. */
  public MethodSpec find(String className, String methodName, int parameterCount,
      MethodSpec.Role role) {
    List<MethodSpec> specs = byClass.get(className);
    if (specs != null) {
      for (MethodSpec spec : specs) {
        if (spec.role == role && spec.selects(methodName, parameterCount)) {
          return spec;
        }
      }
    }
    return null;
  }

  public int size() {
    int n = 0;
    for (List<MethodSpec> specs : byClass.values()) {
      n += specs.size();
    }
    return n;
  }
}
