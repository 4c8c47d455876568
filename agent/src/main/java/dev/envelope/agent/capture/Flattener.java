package dev.envelope.agent.capture;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one argument into flat, dotted snake_case keys of one family: scalars as they are, objects
 * through their record components, getters, public fields and {@code Map<String,?>} entries, down
 * to the depth limit. Secret keys are recognised before their value is read, so the secret is never
 * held. Nothing here throws: a failing getter, a cycle or a value past a limit is skipped and
 * counted.
 */
public final class Flattener {
  private final CaptureLimits limits;
  private final Redactor redactor;
  private final CaptureStats stats;
  private final JoinedKeys keys = new JoinedKeys(".");
  private final FamilyCapture.Budget budget;

  public Flattener(CaptureLimits limits, Redactor redactor, CaptureStats stats) {
    this.limits = limits;
    this.redactor = redactor;
    this.stats = stats;
    this.budget = new FamilyCapture.Budget(limits.maxKeys(), stats);
  }

  public CaptureStats stats() {
    return stats;
  }

  public Redactor redactor() {
    return redactor;
  }

  public CaptureLimits limits() {
    return limits;
  }

  public FamilyCapture newFamily(String family) {
    return new FamilyCapture(family, budget, 0);
  }

  /** A family sized for {@code expectedKeys}, what the same capture took last time. */
  FamilyCapture newFamily(String family, int expectedKeys) {
    return new FamilyCapture(family, budget, expectedKeys);
  }

  /**
   * Captures {@code value} into {@code into}.
   *
   * @param prefix the key for a scalar, or the prefix for an object's keys (may be empty)
   * @param scalarKey the key a scalar gets when {@code prefix} is empty
   */
  public void capture(Object value, String prefix, String scalarKey, FieldSelection selection,
      boolean sensitive, FamilyCapture into) {
    String ownKey = prefix.isEmpty() ? scalarKey : prefix;
    if (sensitive || redactor.isSecretKey(ownKey)) {
      into.redact(ownKey);
      return;
    }
    if (value == null) {
      return;
    }
    try {
      Object scalar = scalarOrList(value);
      if (scalar != Scalars.NOT_SCALAR) {
        into.put(ownKey, scalar);
        return;
      }
      // The objects from the argument down to the one visited, where a cycle would lead back;
      // made only once a child object is entered (most arguments are flat).
      visitChildren(value, prefix, prefix, 1, selection, null, into);
    } catch (Throwable t) {
      // Whatever one argument does to us (a JDK value that fails to convert, an error thrown
      // deep down), the keys already taken and the other arguments still make the envelope.
      stats.readerFailures.increment();
    }
  }

  private void visitChildren(Object value, String key, String rootPrefix, int depth,
      FieldSelection selection, Object[] path, FamilyCapture into) {
    if (depth > limits.maxDepth()) {
      stats.depthLimited.increment();
      return;
    }
    if (value instanceof Map) {
      visitMap((Map<?, ?>) value, key, rootPrefix, depth, selection, path, into);
      return;
    }
    Class<?> type = value.getClass();
    if (type.getClassLoader() == null || type.isArray() || value instanceof Collection) {
      // JDK internals and collections of objects are not flattened: non-scalar leaves are skipped.
      stats.nonScalarSkipped.increment();
      return;
    }
    for (Property p : PropertyScanner.of(type)) {
      if (into.isFull()) {
        stats.keysDropped.increment();
        return;
      }
      FieldSelection child = selection.child(p.key);
      if (child == null) {
        continue;
      }
      String childKey = childKey(key, rootPrefix, p.key, child);
      if (p.sensitive || redactor.isSecretKey(p.key) || redactor.isSecretKey(childKey)) {
        into.redact(childKey);
        continue;
      }
      Object childValue;
      try {
        childValue = p.read(value);
      } catch (Throwable t) {
        stats.readerFailures.increment();
        continue;
      }
      visitValue(value, childValue, childKey, rootPrefix, depth, child, path, into);
    }
  }

  private void visitMap(Map<?, ?> map, String key, String rootPrefix, int depth,
      FieldSelection selection, Object[] path, FamilyCapture into) {
    Iterator<? extends Map.Entry<?, ?>> entries;
    try {
      entries = map.entrySet().iterator();
    } catch (Throwable t) {
      stats.readerFailures.increment();
      return;
    }
    // A selection may skip most entries of a huge map: visiting stays bounded all the same.
    int budget = limits.maxKeys() * 16;
    while (budget-- > 0) {
      Map.Entry<?, ?> e;
      Object k;
      try {
        if (!entries.hasNext()) {
          return;
        }
        e = entries.next();
        k = e.getKey();
      } catch (Throwable t) {
        stats.readerFailures.increment();
        return;
      }
      if (into.isFull()) {
        stats.keysDropped.increment();
        return;
      }
      String name;
      if (k instanceof String) {
        name = KeyNames.snakeCase((String) k);
      } else if (k instanceof Enum) {
        name = KeyNames.snakeCase(((Enum<?>) k).name());
      } else {
        stats.nonScalarSkipped.increment();
        continue;
      }
      FieldSelection child = selection.child(name);
      if (child == null) {
        continue;
      }
      String childKey = childKey(key, rootPrefix, name, child);
      if (redactor.isSecretKey(name) || redactor.isSecretKey(childKey)) {
        into.redact(childKey);
        continue;
      }
      Object childValue;
      try {
        childValue = e.getValue();
      } catch (Throwable t) {
        stats.readerFailures.increment();
        continue;
      }
      visitValue(map, childValue, childKey, rootPrefix, depth, child, path, into);
    }
  }

  /** @param parent the object {@code value} was read from; the argument itself at depth 1 */
  private void visitValue(Object parent, Object value, String key, String rootPrefix, int depth,
      FieldSelection selection, Object[] path, FamilyCapture into) {
    if (value == null) {
      return;
    }
    if (value instanceof Optional) {
      Optional<?> optional = (Optional<?>) value;
      if (!optional.isPresent()) {
        return;
      }
      value = optional.get();
    }
    Object scalar = scalarOrList(value);
    if (scalar != Scalars.NOT_SCALAR) {
      into.put(key, scalar);
      return;
    }
    if (path == null) {
      path = new Object[limits.maxDepth() + 1];
      path[0] = parent;
    }
    for (int i = 0; i < depth; i++) {
      if (path[i] == value) {
        stats.cyclesSkipped.increment();
        return;
      }
    }
    path[depth] = value;
    visitChildren(value, key, rootPrefix, depth + 1, selection, path, into);
    path[depth] = null;
  }

  private String childKey(String key, String rootPrefix, String name, FieldSelection sel) {
    String rename = sel.rename();
    return rename != null ? keys.join(rootPrefix, rename) : keys.join(key, name);
  }

  /** A scalar, a list of scalars (first elements only), or {@link Scalars#NOT_SCALAR}. */
  private Object scalarOrList(Object value) {
    Object scalar = Scalars.normalize(value, limits.maxStringLength());
    if (scalar != Scalars.NOT_SCALAR) {
      return scalar;
    }
    if (value instanceof Collection) {
      return listOf(((Collection<?>) value).iterator());
    }
    if (value.getClass().isArray()) {
      return listOf(arrayElements(value));
    }
    return Scalars.NOT_SCALAR;
  }

  /** The first elements as a list, or {@link Scalars#NOT_SCALAR} if one is not a scalar. */
  private Object listOf(Iterator<?> elements) {
    List<Object> out = new ArrayList<>(Math.min(limits.maxCollectionSize(), 8));
    // Nulls are skipped, not kept: without a bound, a million of them would all be walked.
    int budget = limits.maxCollectionSize() * 16;
    try {
      while (out.size() < limits.maxCollectionSize() && budget-- > 0 && elements.hasNext()) {
        Object element = elements.next();
        if (element == null) {
          continue;
        }
        Object scalar = Scalars.normalize(element, limits.maxStringLength());
        if (scalar == Scalars.NOT_SCALAR) {
          return Scalars.NOT_SCALAR;
        }
        out.add(scalar);
      }
    } catch (Throwable t) {
      stats.readerFailures.increment();
      return Scalars.NOT_SCALAR;
    }
    return homogeneous(out);
  }

  private static Iterator<Object> arrayElements(Object array) {
    int length = Array.getLength(array);
    return new Iterator<Object>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < length;
      }

      @Override
      public Object next() {
        return Array.get(array, next++);
      }
    };
  }

  /** Lists keep one element type so they map onto typed span attribute arrays. */
  private static List<Object> homogeneous(List<Object> list) {
    Class<?> first = null;
    for (Object o : list) {
      if (first == null) {
        first = o.getClass();
      } else if (o.getClass() != first) {
        List<Object> strings = new ArrayList<>(list.size());
        for (Object e : list) {
          strings.add(String.valueOf(e));
        }
        return strings;
      }
    }
    return list;
  }
}
