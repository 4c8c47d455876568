package dev.envelope.agent.capture;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the readable properties of a class once: record components in declaration order, then
 * public getters ({@code getX}/{@code isX}) and public fields by name. The result is cached per
 * class by {@link #of(Class)}, so no reflection scan happens on the capture path.
 */
final class PropertyScanner {
  static final String SENSITIVE = "dev.envelope.annotations.Sensitive";
  private static final Property[] NONE = new Property[0];
  private static final MethodType READER = MethodType.methodType(Object.class, Object.class);
  private static final Method RECORD_COMPONENTS = recordComponentsMethod();

  private static final ClassValue<Property[]> CACHE = new ClassValue<Property[]>() {
    @Override
    protected Property[] computeValue(Class<?> type) {
      try {
        return scan(type);
      } catch (Throwable t) {
        // A class we cannot introspect (linkage errors, security) is simply not flattened.
        return NONE;
      }
    }
  };

  private PropertyScanner() {}

  static Property[] of(Class<?> type) {
    return CACHE.get(type);
  }

  private static Property[] scan(Class<?> type) throws Exception {
    Map<String, Property> byKey = new LinkedHashMap<>();
    if (isRecord(type)) {
      for (Object component : (Object[]) RECORD_COMPONENTS.invoke(type)) {
        Method accessor = (Method) component.getClass().getMethod("getAccessor").invoke(component);
        String name = (String) component.getClass().getMethod("getName").invoke(component);
        add(byKey, type, name, accessor);
      }
      return byKey.values().toArray(NONE);
    }
    Method[] methods = type.getMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method m : methods) {
      String name = getterProperty(m);
      if (name != null) {
        add(byKey, type, name, m);
      }
    }
    Field[] fields = type.getFields();
    Arrays.sort(fields, Comparator.comparing(Field::getName));
    for (Field f : fields) {
      if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
        add(byKey, type, f.getName(), f);
      }
    }
    return byKey.values().toArray(NONE);
  }

  private static String getterProperty(Method m) {
    if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.isBridge()
        || m.isSynthetic() || m.getReturnType() == void.class
        || m.getDeclaringClass() == Object.class) {
      return null;
    }
    String n = m.getName();
    if (n.startsWith("get") && n.length() > 3 && !n.equals("getClass")) {
      return decapitalize(n.substring(3));
    }
    if (n.startsWith("is") && n.length() > 2
        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
      return decapitalize(n.substring(2));
    }
    return null;
  }

  private static String decapitalize(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(1)) && Character.isUpperCase(s.charAt(0))) {
      return s; // "URL" stays as the JavaBeans spec has it.
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static void add(Map<String, Property> byKey, Class<?> type, String name,
      AccessibleObject member) {
    String key = KeyNames.snakeCase(name);
    if (byKey.containsKey(key)) {
      return;
    }
    boolean sensitive = isSensitive(member) || isSensitive(field(type, name));
    MethodHandle reader = sensitive ? null : reader(member);
    if (reader == null && !sensitive) {
      return;
    }
    byKey.put(key, new Property(key, sensitive, reader));
  }

  private static MethodHandle reader(AccessibleObject member) {
    try {
      if (!member.trySetAccessible()) {
        return null;
      }
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle handle = member instanceof Method
          ? lookup.unreflect((Method) member)
          : lookup.unreflectGetter((Field) member);
      return handle.asType(READER);
    } catch (Throwable t) {
      return null;
    }
  }

  /** The field behind a property, whose {@code @Sensitive} mark also covers its getter. */
  private static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException | SecurityException | LinkageError e) {
        // keep looking up the hierarchy
      }
    }
    return null;
  }

  static boolean isSensitive(AccessibleObject element) {
    if (element == null) {
      return false;
    }
    for (Annotation a : element.getDeclaredAnnotations()) {
      if (a.annotationType().getName().equals(SENSITIVE)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRecord(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    return RECORD_COMPONENTS != null && superclass != null
        && superclass.getName().equals("java.lang.Record");
  }

  private static Method recordComponentsMethod() {
    try {
      return Class.class.getMethod("getRecordComponents");
    } catch (NoSuchMethodException e) {
      return null; // Java 11–15: there are no records to read.
    }
  }

  static List<String> keys(Class<?> type) {
    List<String> keys = new ArrayList<>();
    for (Property p : of(type)) {
      keys.add(p.key);
    }
    return keys;
  }
}
