package dev.envelope.agent.weave;

import dev.envelope.agent.capture.AnnotationNames;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Only class loaders that can see the annotations jar can hold annotated classes: every other
 * loader is rejected before its classes are parsed. Answers are cached per loader, weakly.
 */
final class AnnotationLoaderFilter extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
  private static final String RESOURCE =
      AnnotationNames.EXECUTION_ADMISSION.replace('.', '/') + ".class";
  private final Map<ClassLoader, Boolean> seen = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public boolean matches(ClassLoader loader) {
    if (loader == null) {
      return false; // the bootstrap loader holds the JDK only
    }
    Boolean known = seen.get(loader);
    if (known == null) {
      known = canSeeAnnotations(loader);
      seen.put(loader, known);
    }
    return known;
  }

  private static boolean canSeeAnnotations(ClassLoader loader) {
    try {
      return loader.getResource(RESOURCE) != null;
    } catch (Throwable t) {
      return false;
    }
  }
}
