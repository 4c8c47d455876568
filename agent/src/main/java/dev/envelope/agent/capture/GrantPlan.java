package dev.envelope.agent.capture;

import dev.envelope.agent.config.MethodSpec;
import dev.envelope.agent.model.Family;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How one {@code @Grant} method's outcome becomes {@code granted} and {@code resolution} keys:
 * its return value, or for a {@code void} method its {@code @Granted} parameters.
 */
public final class GrantPlan {
  private final String[] resolutionKeys;
  private final ParameterPlan[] granted;
  private final boolean returnsValue;
  private final String scalarKey;

  private GrantPlan(Set<String> resolutionKeys, ParameterPlan[] granted, boolean returnsValue,
      String scalarKey) {
    this.resolutionKeys = resolutionKeys.toArray(new String[0]);
    this.granted = granted;
    this.returnsValue = returnsValue;
    this.scalarKey = scalarKey;
  }

  public static GrantPlan of(Method method) throws Exception {
    Annotation grant = AnnotationNames.find(method.getDeclaredAnnotations(), AnnotationNames.GRANT);
    if (grant == null) {
      throw new IllegalArgumentException("not annotated @Grant");
    }
    Set<String> resolution = new LinkedHashSet<>();
    for (String key : AnnotationNames.strings(grant, "resolution")) {
      resolution.add(KeyNames.snakePath(key));
    }
    ParameterPlan[] granted = Arrays.stream(AdmissionPlan.parameterPlans(method))
        .filter(p -> p.family == Family.GRANTED)
        .toArray(ParameterPlan[]::new);
    return new GrantPlan(resolution, granted, method.getReturnType() != void.class,
        KeyNames.snakeCase(method.getName()));
  }

  /** The plan for a method that configuration, not annotations, makes a grant. */
  public static GrantPlan of(Method method, MethodSpec spec) {
    Set<String> resolution = new LinkedHashSet<>();
    for (String key : spec.resolution) {
      resolution.add(KeyNames.snakePath(key));
    }
    ParameterPlan[] granted = Arrays.stream(AdmissionPlan.parameterPlans(method, spec))
        .filter(p -> p.family == Family.GRANTED)
        .toArray(ParameterPlan[]::new);
    return new GrantPlan(resolution, granted, method.getReturnType() != void.class,
        KeyNames.snakeCase(method.getName()));
  }

  /** Keys the last call captured (before the move), to size the next; stale values are harmless. */
  private int lastGranted;
  private int lastResolution;

  /** Captures one grant; the two families are returned as {@code [granted, resolution]}. */
  public FamilyCapture[] capture(Object[] args, Object returned, Flattener flattener) {
    return capture(args, returned, flattener, null);
  }

  /** As above, fingerprinting secret arguments and a secret scalar result into {@code secrets}. */
  public FamilyCapture[] capture(Object[] args, Object returned, Flattener flattener,
      SecretValues secrets) {
    if (secrets != null) {
      remember(args, returned, flattener.redactor(), secrets);
    }
    FamilyCapture granted = flattener.newFamily(Family.GRANTED.wireName(), lastGranted);
    FamilyCapture resolution = flattener.newFamily(Family.RESOLUTION.wireName(), lastResolution);
    if (returnsValue && returned != null) {
      flattener.capture(returned, "", scalarKey, FieldSelection.ALL, false, granted);
    }
    for (ParameterPlan p : this.granted) {
      if (args != null && p.index < args.length) {
        flattener.capture(args[p.index], p.prefix, p.scalarKey, p.selection, p.sensitive, granted);
      }
    }
    lastGranted = granted.size();
    if (resolutionKeys.length > 0) {
      granted.moveTo(resolution, resolutionKeys);
    }
    lastResolution = resolution.size();
    return new FamilyCapture[] {granted, resolution};
  }

  /** Whether this grant may hand the envelope a secret worth remembering (see {@link #capture}). */
  public boolean handsSecrets(Redactor redactor) {
    if (returnsValue && redactor.isSecretKey(scalarKey)) {
      return true;
    }
    for (ParameterPlan p : granted) {
      if (p.isSecretArgument(redactor)) {
        return true;
      }
    }
    return false;
  }

  private void remember(Object[] args, Object returned, Redactor redactor, SecretValues secrets) {
    if (returnsValue && returned != null && redactor.isSecretKey(scalarKey)) {
      secrets.remember(returned);
    }
    for (ParameterPlan p : granted) {
      if (args != null && p.index < args.length && p.isSecretArgument(redactor)) {
        secrets.remember(args[p.index]);
      }
    }
  }
}
