package dev.envelope.it.targets;

import java.lang.reflect.Proxy;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Values an application may hand an admission: objects whose {@code toString}, {@code hashCode}
 * and {@code equals} throw (and count that they were called), getters that throw, cycles, huge and
 * deep graphs, nulls, proxies, JVM-language look-alikes and strings no encoder likes. Nothing here
 * is called by the program itself except to build the values.
 */
public final class Hostile {
  private Hostile() {}

  /** Calls of a trapped {@code toString}, {@code hashCode} or {@code equals}: the agent makes 0. */
  public static final AtomicInteger TO_STRING_CALLS = new AtomicInteger();
  public static final AtomicInteger HASH_CODE_CALLS = new AtomicInteger();
  public static final AtomicInteger EQUALS_CALLS = new AtomicInteger();

  /** Control characters, separators, quotes, backslashes and every kind of broken UTF-16. */
  public static final String NASTY = nasty();

  private static String nasty() {
    StringBuilder sb = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      sb.append(c);
    }
    sb.append('\u007f').append("\n\r\r\n\u2028\u2029\"'\\\"\\\\/</script>");
    sb.append('\uD800').append('x');           // lone high surrogate
    sb.append('\uDC00').append('y');           // lone low surrogate
    sb.append('\uDC00').append('\uD800');      // reversed pair
    sb.append("\u00e9\u20ac\uD83D\uDE00\uFEFF\uFFFF"); // é € 😀 BOM noncharacter
    sb.append('\uDBFF');                       // ends in a lone high surrogate
    return sb.toString();
  }

  /** {@link #NASTY} repeated to {@code chars} characters. */
  public static String nastyOfLength(int chars) {
    StringBuilder sb = new StringBuilder(chars);
    while (sb.length() < chars) {
      sb.append(NASTY, 0, Math.min(NASTY.length(), chars - sb.length()));
    }
    return sb.toString();
  }

  /** Where the first trapped call came from, for the program's stderr. */
  public static volatile Throwable firstCall;

  static RuntimeException called(AtomicInteger counter, String what) {
    counter.incrementAndGet();
    if (firstCall == null) {
      firstCall = new Throwable(what + " called here");
    }
    return new IllegalStateException(what + " must not be called");
  }

  /** Every hostile class extends this where Java lets it. */
  public abstract static class Trap {
    @Override
    public String toString() {
      throw called(TO_STRING_CALLS, "toString");
    }

    @Override
    public int hashCode() {
      throw called(HASH_CODE_CALLS, "hashCode");
    }

    @Override
    public boolean equals(Object o) {
      throw called(EQUALS_CALLS, "equals");
    }
  }

  /** A checked exception a getter declares. */
  public static final class CheckedProblem extends Exception {
    public CheckedProblem(String message) {
      super(message);
    }
  }

  /** Getters that throw everything a getter can, among two that work. */
  public static class ThrowingGetters extends Trap {
    public String getName() {
      return "survivor";
    }

    public String getRequesterUrn() {
      throw new SecurityException("who am I");
    }

    public String getChecked() throws CheckedProblem {
      throw new CheckedProblem("checked");
    }

    public String getUnchecked() {
      throw new IllegalArgumentException("unchecked");
    }

    public int getDeep() {
      return 1 + getDeep(); // a real StackOverflowError
    }

    public String getOutOfMemory() {
      throw new OutOfMemoryError("pretend");
    }

    public String getLinkage() {
      throw new NoClassDefFoundError("com/example/Missing");
    }

    public String getAssertion() {
      throw new AssertionError("assertion");
    }

    public String getSneaky() {
      throw Hostile.<RuntimeException>sneaky(new CheckedProblem("undeclared"));
    }

    public Object getNullPointer() {
      Object nothing = null;
      return nothing.getClass();
    }

    public Object getTrapped() {
      return new Plain();
    }

    public boolean isOk() {
      return true;
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /** Nothing to read at all but its traps. */
  public static final class Plain extends Trap {}

  /** A getter returning itself. */
  public static final class SelfRef extends Trap {
    public SelfRef getSelf() {
      return this;
    }

    public final SelfRef self = this;
    public final String label = "self";
  }

  /** A → B → A. */
  public static final class CycleA extends Trap {
    public CycleB b;

    public CycleB getB() {
      return b;
    }

    public String getName() {
      return "a";
    }
  }

  public static final class CycleB extends Trap {
    public CycleA a;

    public CycleA getA() {
      return a;
    }

    public String getName() {
      return "b";
    }
  }

  public static CycleA cycle() {
    CycleA a = new CycleA();
    CycleB b = new CycleB();
    a.b = b;
    b.a = a;
    return a;
  }

  /** A list of {@code depth} nodes; the next of the last is the first when {@code closed}. */
  public static final class Node extends Trap {
    public Node next;
    public final int depth;

    Node(int depth) {
      this.depth = depth;
    }

    public Node getNext() {
      return next;
    }

    public int getDepth() {
      return depth;
    }
  }

  public static Node chain(int length, boolean closed) {
    Node head = new Node(0);
    Node n = head;
    for (int i = 1; i < length; i++) {
      n.next = new Node(i);
      n = n.next;
    }
    if (closed) {
      n.next = head;
    }
    return head;
  }

  /** A getter that makes a new level each time it is read: an infinite graph. */
  public static final class Bottomless extends Trap {
    public Bottomless getDeeper() {
      return new Bottomless();
    }

    public String getLevel() {
      return "again";
    }
  }

  public static List<Object> nestedLists(int depth) {
    List<Object> inner = new ArrayList<>();
    inner.add("bottom");
    for (int i = 1; i < depth; i++) {
      List<Object> outer = new ArrayList<>();
      outer.add(inner);
      inner = outer;
    }
    return inner;
  }

  public static Map<String, Object> nestedMaps(int depth) {
    Map<String, Object> inner = new HashMap<>();
    inner.put("bottom", NASTY);
    for (int i = 1; i < depth; i++) {
      Map<String, Object> outer = new HashMap<>();
      outer.put("level", inner);
      outer.put("n", i);
      inner = outer;
    }
    return inner;
  }

  /** Null wherever a reference can be. */
  public static final class Nulls extends Trap {
    public String field;
    public Object object;
    public List<String> list;

    public String getName() {
      return null;
    }

    public Nulls getChild() {
      return null;
    }

    public Integer getCount() {
      return null;
    }

    public Boolean isFlag() {
      return null;
    }

    public java.util.Optional<String> getMaybe() {
      return null; // an Optional that is itself null
    }
  }

  /** What a proxy implements. */
  public interface Shape {
    String getName();

    int getSize();

    Shape getSelf();

    Object getBoom();

    Object getError();
  }

  public static Shape proxy() {
    Shape[] self = new Shape[1];
    self[0] = (Shape) Proxy.newProxyInstance(Hostile.class.getClassLoader(),
        new Class<?>[] {Shape.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "getName":
              return "proxied";
            case "getSize":
              return 7;
            case "getSelf":
              return self[0];
            case "getBoom":
              throw new CheckedProblem("undeclared through a proxy");
            case "getError":
              throw new StackOverflowError("pretend");
            case "toString":
              throw called(TO_STRING_CALLS, "toString");
            case "hashCode":
              throw called(HASH_CODE_CALLS, "hashCode");
            case "equals":
              throw called(EQUALS_CALLS, "equals");
            default:
              throw new UnsupportedOperationException(m.getName());
          }
        });
    return self[0];
  }

  /** Kotlin's companion object, as it compiles. */
  public static final class Widget$Companion extends Trap {
    public static final Widget$Companion INSTANCE = new Widget$Companion();

    public String getKind$lib() {
      return "companion";
    }
  }

  /** A Kotlin data class look-alike: synthetic-looking names, component getters, a back link. */
  public static final class Widget extends Trap {
    public static final Widget$Companion Companion = Widget$Companion.INSTANCE;
    public static Widget INSTANCE;
    public final Object this$0;
    public final Object $outer;
    public final String $$delegate = "delegate";
    public final int field$x = 3;

    public Widget(Object outer) {
      this.this$0 = outer;
      this.$outer = outer;
      INSTANCE = this;
    }

    public String component1() {
      return "c1";
    }

    public String getFoo$lib() {
      return "foo";
    }

    public String get$() {
      return "dollar";
    }

    public String getURL() {
      return "http://x";
    }

    public String getÜbergröße() {
      return "unicode name";
    }

    public Widget$Companion getCompanion() {
      return Companion;
    }

    public Widget copy$default() {
      return this;
    }
  }

  /** Scala's object, as it compiles: {@code MODULE$}. */
  public static final class Registry$ extends Trap {
    public static final Registry$ MODULE$ = new Registry$();

    public Registry$ getModule() {
      return MODULE$;
    }

    public String getName() {
      return "registry";
    }
  }

  /** Holds a Widget whose {@code this$0} leads back here. */
  public static final class Outer extends Trap {
    public final Widget widget = new Widget(this);

    public Widget getWidget() {
      return widget;
    }
  }

  /** A functional interface with a getter, so a lambda has a property. */
  @FunctionalInterface
  public interface Named {
    String getName();

    default String getGreeting() {
      return "hello " + getName();
    }
  }

  /** An enum whose constants have bodies, and whose toString is trapped. */
  public enum Mode {
    FAST {
      @Override
      public String getLabel() {
        return "fast";
      }
    },
    SLOW {
      @Override
      public String getLabel() {
        throw new IllegalStateException("slow label");
      }
    };

    public abstract String getLabel();

    @Override
    public String toString() {
      throw called(TO_STRING_CALLS, "toString");
    }
  }

  /** A record whose accessors, toString, hashCode and equals misbehave. */
  public record Point(int x, String label, Object payload) {
    @Override
    public String label() {
      throw new IllegalStateException("label");
    }

    @Override
    public String toString() {
      throw called(TO_STRING_CALLS, "toString");
    }

    @Override
    public int hashCode() {
      throw called(HASH_CODE_CALLS, "hashCode");
    }

    @Override
    public boolean equals(Object o) {
      throw called(EQUALS_CALLS, "equals");
    }
  }

  /** A map that hashes nothing, so keys may be objects whose hashCode throws. */
  public static final class ListMap<K, V> extends AbstractMap<K, V> {
    private final List<Entry<K, V>> entries = new ArrayList<>();

    public ListMap<K, V> with(K key, V value) {
      entries.add(new SimpleEntry<>(key, value));
      return this;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<K, V>> iterator() {
          return entries.iterator();
        }

        @Override
        public int size() {
          return entries.size();
        }
      };
    }

    @Override
    public String toString() {
      throw called(TO_STRING_CALLS, "toString");
    }

    @Override
    public int hashCode() {
      throw called(HASH_CODE_CALLS, "hashCode");
    }

    @Override
    public boolean equals(Object o) {
      throw called(EQUALS_CALLS, "equals");
    }
  }

  /** A map whose every way in throws, at a chosen point. */
  public static final class BrokenMap extends AbstractMap<String, Object> {
    private final int failAt;

    /** @param failAt 0: entrySet throws; 1: iterator; 2: next; 3: getKey; 4: getValue */
    public BrokenMap(int failAt) {
      this.failAt = failAt;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      if (failAt == 0) {
        throw new UnsupportedOperationException("entrySet");
      }
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          if (failAt == 1) {
            throw new ConcurrentModificationExceptionLike();
          }
          return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
              return i < 3;
            }

            @Override
            public Entry<String, Object> next() {
              if (failAt == 2 && i == 1) {
                throw new StackOverflowError("next");
              }
              i++;
              return new Entry<>() {
                @Override
                public String getKey() {
                  if (failAt == 3) {
                    throw new IllegalStateException("key");
                  }
                  return "k" + i;
                }

                @Override
                public Object getValue() {
                  if (failAt == 4) {
                    throw new IllegalStateException("value");
                  }
                  return "v" + i;
                }

                @Override
                public Object setValue(Object value) {
                  throw new UnsupportedOperationException();
                }
              };
            }
          };
        }

        @Override
        public int size() {
          throw new IllegalStateException("size");
        }
      };
    }

    @Override
    public String toString() {
      throw called(TO_STRING_CALLS, "toString");
    }

    @Override
    public int hashCode() {
      throw called(HASH_CODE_CALLS, "hashCode");
    }

    @Override
    public boolean equals(Object o) {
      throw called(EQUALS_CALLS, "equals");
    }
  }

  /** An unchecked exception a collection throws. */
  public static final class ConcurrentModificationExceptionLike extends RuntimeException {
    public ConcurrentModificationExceptionLike() {
      super("changed underneath");
    }
  }

  /** A collection whose iterator fails after {@code good} elements; size() throws too. */
  public static final class BrokenCollection extends AbstractCollection<Object> {
    private final int good;

    public BrokenCollection(int good) {
      this.good = good;
    }

    @Override
    public Iterator<Object> iterator() {
      return new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Object next() {
          if (i >= good) {
            throw new ConcurrentModificationExceptionLike();
          }
          return "e" + i++;
        }
      };
    }

    @Override
    public int size() {
      throw new IllegalStateException("size");
    }

    @Override
    public String toString() {
      throw called(TO_STRING_CALLS, "toString");
    }

    @Override
    public int hashCode() {
      throw called(HASH_CODE_CALLS, "hashCode");
    }

    @Override
    public boolean equals(Object o) {
      throw called(EQUALS_CALLS, "equals");
    }
  }

  /** An exception whose every accessor misbehaves. */
  public static class HostileException extends RuntimeException {
    public HostileException() {
      super("never read through toString");
    }

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage");
    }

    @Override
    public String getLocalizedMessage() {
      throw new IllegalStateException("getLocalizedMessage");
    }

    @Override
    public synchronized Throwable getCause() {
      throw new IllegalStateException("getCause");
    }

    @Override
    public String toString() {
      throw called(TO_STRING_CALLS, "toString");
    }

    @Override
    public int hashCode() {
      throw called(HASH_CODE_CALLS, "hashCode");
    }

    @Override
    public boolean equals(Object o) {
      throw called(EQUALS_CALLS, "equals");
    }
  }

  /** A CompletionException whose cause cannot be read: a stage may fail with one. */
  public static final class HostileCompletionException
      extends java.util.concurrent.CompletionException {
    public HostileCompletionException() {
      super("wrapped", new IllegalStateException("inner"));
    }

    @Override
    public synchronized Throwable getCause() {
      throw new IllegalStateException("getCause");
    }

    @Override
    public String toString() {
      throw called(TO_STRING_CALLS, "toString");
    }
  }

  /** Entries in insertion order: keys of every awkward kind. */
  public static Map<Object, Object> awkwardKeys(String hugeString) {
    ListMap<Object, Object> m = new ListMap<>();
    m.with(NASTY, "nasty key")
        .with(hugeString, "huge key")
        .with(null, "null key")
        .with("", "empty key")
        .with("null value", null)
        .with("a.b..c.", "dots")
        .with("Foo Bar", 1)
        .with("foo_bar", 2)
        .with(new Plain(), "trapped key")
        .with(Mode.FAST, "enum key")
        .with(42, "number key")
        .with("\uD800", "lone high surrogate key")
        .with("\uDC00\uD800", "reversed pair key")
        .with("password", new Plain())
        .with("trapped value", new Plain())
        .with("nasty value", NASTY);
    return m;
  }

  /** A real map with a null key, null values and itself as a value. */
  public static Map<String, Object> selfMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(null, "null key");
    m.put("nothing", null);
    m.put("self", m);
    m.put("name", "self map");
    return m;
  }
}
