package dev.envelope.agent.capture;

import dev.envelope.agent.config.MethodSpec;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Fields;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the agent needs to know about one {@code @ExecutionAdmission} method, worked out once
 * from its annotations: the execution descriptor and how each argument is captured.
 */
public final class AdmissionPlan {
  private static final Family[] FAMILIES = Family.values();
  private final Fields execution;
  private final String spanName;
  private final ParameterPlan[] parameters;
  private final FieldSelection result;
  /**
   * Keys each family took on the last call, to size the next capture; written without
   * synchronisation, since a stale size only costs an array copy.
   */
  private final int[] lastSizes = new int[FAMILIES.length];
  private int lastResultSize;

  private AdmissionPlan(Fields execution, String spanName, ParameterPlan[] parameters,
      FieldSelection result) {
    this.execution = execution;
    this.spanName = spanName;
    this.parameters = parameters;
    this.result = result;
  }

  /** Reads {@code method}'s annotations; throws with a one-line reason when they are unusable. */
  public static AdmissionPlan of(Method method) throws Exception {
    Annotation admission =
        AnnotationNames.find(method.getDeclaredAnnotations(), AnnotationNames.EXECUTION_ADMISSION);
    if (admission == null) {
      throw new IllegalArgumentException("not annotated @ExecutionAdmission");
    }
    Object kind = AnnotationNames.attribute(admission, "kind");
    String service = AnnotationNames.string(admission, "service").trim();
    String operation = AnnotationNames.string(admission, "operation").trim();
    if (operation.isEmpty()) {
      operation = KeyNames.snakeCase(method.getName());
    }
    if (service.isEmpty()) {
      throw new IllegalArgumentException("@ExecutionAdmission service is empty");
    }
    return of(((Enum<?>) kind).name().toLowerCase(Locale.ROOT), service, operation,
        method.getDeclaringClass().getName() + "#" + method.getName(),
        parameterPlans(method), FieldSelection.parse(AnnotationNames.strings(admission, "result")));
  }

  /** The plan for a method that configuration, not annotations, makes an admission. */
  public static AdmissionPlan of(Method method, MethodSpec spec) {
    String operation = spec.operation == null ? KeyNames.snakeCase(method.getName()) : spec.operation;
    return of(spec.kind, spec.service, operation,
        method.getDeclaringClass().getName() + "#" + method.getName(),
        parameterPlans(method, spec), FieldSelection.parse(spec.result.toArray(new String[0])));
  }

  static ParameterPlan[] parameterPlans(Method method, MethodSpec spec) {
    Parameter[] parameters = method.getParameters();
    List<ParameterPlan> plans = new ArrayList<>();
    for (MethodSpec.Argument argument : spec.arguments) {
      if (argument.index < parameters.length) {
        plans.add(ParameterPlan.of(parameters[argument.index], argument.index, argument,
            spec.sensitive.contains(argument.index)));
      }
    }
    return plans.toArray(new ParameterPlan[0]);
  }

  static AdmissionPlan of(String kind, String service, String operation, String handler,
      ParameterPlan[] parameters, FieldSelection result) {
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("kind", kind);
    execution.put("service", service);
    execution.put("operation", operation);
    execution.put("handler", handler);
    return new AdmissionPlan(Fields.of(execution), service + "." + operation, parameters, result);
  }

  static ParameterPlan[] parameterPlans(Method method) throws Exception {
    List<ParameterPlan> plans = new ArrayList<>();
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      ParameterPlan plan = ParameterPlan.of(parameters[i], i);
      if (plan != null) {
        plans.add(plan);
      }
    }
    return plans.toArray(new ParameterPlan[0]);
  }

  public Fields execution() {
    return execution;
  }

  /** {@code <service>.<operation>}. */
  public String spanName() {
    return spanName;
  }

  /** Captures the admission families and extensions from the call's arguments. */
  public CapturedAdmission capture(Object[] args, Flattener flattener) {
    FamilyCapture[] families = new FamilyCapture[FAMILIES.length];
    Map<String, FamilyCapture> extensions = null;
    // Made only for an admission handed a secret: most are not, and each one would pay for it.
    SecretValues secrets = null;
    for (ParameterPlan p : parameters) {
      if (p.family == Family.GRANTED || args == null || p.index >= args.length) {
        continue;
      }
      if (p.isSecretArgument(flattener.redactor())) {
        if (secrets == null) {
          secrets = new SecretValues();
        }
        secrets.remember(args[p.index]);
      }
      FamilyCapture into;
      if (p.family == null) {
        if (extensions == null) {
          extensions = new LinkedHashMap<>(4);
        }
        into = extensions.computeIfAbsent(p.namespace, flattener::newFamily);
      } else {
        into = families[p.family.ordinal()];
        if (into == null) {
          into = flattener.newFamily(p.family.wireName(), lastSizes[p.family.ordinal()]);
          families[p.family.ordinal()] = into;
        }
      }
      flattener.capture(args[p.index], p.prefix, p.scalarKey, p.selection, p.sensitive, into);
    }
    for (int i = 0; i < families.length; i++) {
      if (families[i] != null) {
        lastSizes[i] = families[i].size();
      }
    }
    return new CapturedAdmission(families,
        extensions == null ? Collections.<String, FamilyCapture>emptyMap() : extensions, secrets);
  }

  /** The admission's return value as {@code resolution} keys, per its {@code result} selection. */
  public FamilyCapture captureResult(Object returned, Flattener flattener) {
    FamilyCapture into = flattener.newFamily(Family.RESOLUTION.wireName(), lastResultSize);
    if (returned != null) {
      flattener.capture(returned, "", "result", result, false, into);
      lastResultSize = into.size();
    }
    return into;
  }
}
