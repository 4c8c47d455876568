package dev.envelope.agent.capture;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * The agent reads the application's annotations by name: it never links against the annotations
 * jar, so any copy of it, in any class loader, works.
 */
public final class AnnotationNames {
  public static final String PACKAGE = "dev.envelope.annotations.";
  public static final String EXECUTION_ADMISSION = PACKAGE + "ExecutionAdmission";
  public static final String GRANT = PACKAGE + "Grant";
  public static final String EXTENSION = PACKAGE + "Extension";
  public static final String SENSITIVE = PACKAGE + "Sensitive";
  /** The application-side API the agent makes live. */
  public static final String ENVELOPES_API = PACKAGE + "Envelopes";

  private AnnotationNames() {}

  /** The annotation named {@code name} among {@code annotations}, or {@code null}. */
  public static Annotation find(Annotation[] annotations, String name) {
    for (Annotation a : annotations) {
      if (a.annotationType().getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** The value of one attribute of an annotation. */
  public static Object attribute(Annotation annotation, String attribute) throws Exception {
    Method m = annotation.annotationType().getMethod(attribute);
    m.setAccessible(true);
    return m.invoke(annotation);
  }

  static String string(Annotation annotation, String attribute) throws Exception {
    Object value = attribute(annotation, attribute);
    return value == null ? "" : (String) value;
  }

  static String[] strings(Annotation annotation, String attribute) throws Exception {
    Object value = attribute(annotation, attribute);
    return value == null ? new String[0] : (String[]) value;
  }
}
