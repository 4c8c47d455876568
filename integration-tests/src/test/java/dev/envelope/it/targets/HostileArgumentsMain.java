package dev.envelope.it.targets;

import dev.envelope.annotations.Envelopes;
import dev.envelope.it.targets.Hostile.Named;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Hands hostile values to admissions and grants in every annotated position, and admissions that
 * fail with hostile exceptions. Prints one line per call, worked out from identities and lengths
 * only (never the values' own methods), then how often a trapped toString, hashCode or equals ran.
 * Run with and without the agent, it must print the same lines, and the counts must be zero.
 */
public final class HostileArgumentsMain {
  /** 10 MB of {@link Hostile#NASTY}: as a value, a map key and an exception message. */
  static final int HUGE = 10 * 1024 * 1024;
  static final int MILLION = 1_000_000;
  static final int DEEP = 10_000;

  /** Calls slower than this are reported on stderr (never stdout: timings differ run to run). */
  private static final long SLOW_MILLIS = Long.getLong("hostile.slow.ms", 100);
  private static final HostileService SERVICE = new HostileService();
  private static final List<String> CASES = new ArrayList<>();
  private static String huge;
  private static long makeNanos;

  private HostileArgumentsMain() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    huge = Hostile.nastyOfLength(HUGE);
    long made = System.nanoTime();
    values();
    long valuesDone = System.nanoTime();
    exceptions();
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("calls: " + CASES.size());
    System.out.println("toString calls: " + Hostile.TO_STRING_CALLS.get());
    System.out.println("hashCode calls: " + Hostile.HASH_CODE_CALLS.get());
    System.out.println("equals calls: " + Hostile.EQUALS_CALLS.get());
    System.err.println("hostile run took " + millis + " ms: the 10 MB string "
        + (made - start) / 1_000_000 + " ms, values " + (valuesDone - made) / 1_000_000
        + " ms (making them " + makeNanos / 1_000_000 + " ms), exceptions "
        + (System.nanoTime() - valuesDone) / 1_000_000 + " ms");
    if (Hostile.firstCall != null) {
      Hostile.firstCall.printStackTrace();
    }
  }

  private static void values() {
    call("null", () -> null);
    call("nasty_string", () -> Hostile.NASTY);
    call("huge_string", () -> huge);
    call("nasty_char", () -> '\uD800');
    call("nasty_chars", () -> Hostile.NASTY.toCharArray());
    call("throwing_getters", Hostile.ThrowingGetters::new);
    call("only_traps", Hostile.Plain::new);
    call("self_reference", Hostile.SelfRef::new);
    call("cycle_a_b", Hostile::cycle);
    call("list_containing_itself", () -> {
      List<Object> l = new ArrayList<>();
      l.add(l);
      l.add("after itself");
      return l;
    });
    call("map_containing_itself", Hostile::selfMap);
    call("closed_chain_of_3", () -> Hostile.chain(3, true));
    call("chain_of_10000", () -> Hostile.chain(DEEP, false));
    call("bottomless", Hostile.Bottomless::new);
    call("lists_nested_10000", () -> Hostile.nestedLists(DEEP));
    call("maps_nested_10000", () -> Hostile.nestedMaps(DEEP));
    call("million_integers", () -> {
      List<Integer> l = new ArrayList<>(MILLION);
      for (int i = 0; i < MILLION; i++) {
        l.add(i);
      }
      return l;
    });
    call("million_ints", () -> new int[MILLION]);
    call("million_traps", () -> {
      Object[] a = new Object[MILLION];
      Arrays.fill(a, new Hostile.Plain());
      return a;
    });
    call("million_nulls", () -> new Object[MILLION]);
    call("million_nasty_strings", () -> {
      String[] a = new String[MILLION];
      Arrays.fill(a, Hostile.NASTY);
      return a;
    });
    call("nulls_then_strings", () -> Arrays.asList(null, Hostile.NASTY, null, huge, null));
    call("map_of_100000", () -> {
      Map<String, Object> m = new HashMap<>();
      for (int i = 0; i < 100_000; i++) {
        m.put("key" + i, i % 2 == 0 ? Hostile.NASTY : null);
      }
      return m;
    });
    call("many_long_values", () -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < 100; i++) {
        m.put("long" + i, huge);
      }
      return m;
    });
    call("awkward_keys", () -> Hostile.awkwardKeys(huge));
    call("null_fields", Hostile.Nulls::new);
    call("proxy", Hostile::proxy);
    call("kotlin_like", Hostile.Outer::new);
    call("companion", () -> Hostile.Widget$Companion.INSTANCE);
    call("scala_module", () -> Hostile.Registry$.MODULE$);
    call("lambda_with_getter", () -> (Named) () -> "lambda");
    call("lambda", () -> (Runnable) () -> { });
    call("anonymous", () -> new Hostile.Trap() {
      public String getWhere() {
        return "anonymous";
      }

      public Object getBoom() {
        throw new IllegalStateException("anonymous boom");
      }
    });
    call("local", () -> {
      class Local extends Hostile.Trap {
        public final Object self = this;

        public String getWhere() {
          return "local";
        }
      }
      return new Local();
    });
    call("enum_with_body", () -> Hostile.Mode.FAST);
    call("enum_throwing_getter", () -> Hostile.Mode.SLOW);
    call("record", () -> new Hostile.Point(1, Hostile.NASTY, new Hostile.Plain()));
    for (int failAt = 0; failAt <= 4; failAt++) {
      int at = failAt;
      call("broken_map_" + at, () -> new Hostile.BrokenMap(at));
    }
    call("broken_collection_early", () -> new Hostile.BrokenCollection(2));
    call("broken_collection_late", () -> new Hostile.BrokenCollection(100));
    call("optionals", () -> new Hostile.ListMap<>()
        .with("some", Optional.of(Hostile.NASTY))
        .with("none", Optional.empty())
        .with("trap", Optional.of(new Hostile.Plain())));
    call("odd_numbers", () -> new Hostile.ListMap<>()
        .with("nan", Double.NaN).with("inf", Double.POSITIVE_INFINITY)
        .with("neg_zero", -0.0).with("min_long", Long.MIN_VALUE)
        .with("tiny", Double.MIN_VALUE).with("float_nan", Float.NaN)
        .with("doubles", new double[] {Double.NaN, 1.5, Double.NEGATIVE_INFINITY}));
    call("huge_decimal", () -> new BigDecimal("1E+999999999"));
    call("huge_integer", () -> BigInteger.ONE.shiftLeft(1 << 22));
    call("jdk_internals", () -> new Hostile.ListMap<>()
        .with("thread", Thread.currentThread())
        .with("type", Hostile.class)
        .with("loader", Hostile.class.getClassLoader()));
    call("requester_urn_empty", () -> new Hostile.ListMap<>().with("requester_urn", ""));
    call("requester_urn_nasty", () -> new Hostile.ListMap<>().with("requester_urn", huge));
    call("reentrant_getter", () -> new Hostile.Trap() {
      public Object getInner() {
        return new HostileService().admit("inner", "x", "y", null, null, null);
      }

      public String getExtended() {
        Envelopes.addExtension("hostile.from_getter", Hostile.NASTY);
        return Envelopes.current().isPresent() ? "extended" : "extended"; // the same either way
      }
    });
    Thread.currentThread().interrupt();
    call("while_interrupted", () -> Hostile.NASTY);
    System.out.println("still interrupted: " + Thread.interrupted());
    many("ten_thousand_namespaces", id -> SERVICE.extendMany(id, DEEP));
    many("ten_thousand_grants", id -> SERVICE.grantMany(id, DEEP));
  }

  private static void exceptions() {
    IllegalStateException hugeMessage = new IllegalStateException(huge);
    fail("huge_message", () -> SERVICE.fail(next("huge_message"), Hostile.NASTY, hugeMessage),
        hugeMessage);
    Hostile.HostileException hostile = new Hostile.HostileException();
    fail("hostile_exception", () -> SERVICE.failEarly(next("hostile_exception"), hostile), hostile);
    Hostile.CheckedProblem checked = new Hostile.CheckedProblem(huge);
    fail("checked_huge_message", () -> SERVICE.failEarly(next("checked_huge_message"), checked),
        checked);
    StackOverflowError overflow = overflow();
    fail("stack_overflow", () -> SERVICE.failEarly(next("stack_overflow"), overflow), overflow);
    Hostile.HostileException inGrant = new Hostile.HostileException();
    Hostile.HostileException after = new Hostile.HostileException();
    fail("grant_then_hostile", () -> SERVICE.failInGrant(next("grant_then_hostile"), inGrant,
        after), after);
    asyncCall("async_hostile_value", new Hostile.ThrowingGetters(), null);
    asyncCall("async_hostile_completion", Hostile.NASTY, new Hostile.HostileCompletionException());
    asyncCall("async_hostile_exception", null, new Hostile.HostileException());
  }

  private static StackOverflowError overflow() {
    try {
      return overflow();
    } catch (StackOverflowError e) {
      return e;
    }
  }

  private static String next(String name) {
    CASES.add(name);
    return String.format("c%02d", CASES.size());
  }

  private static void slow(String name, long start) {
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (millis >= SLOW_MILLIS) {
      System.err.println(name + " took " + millis + " ms");
    }
  }

  private static void call(String name, Supplier<Object> make) {
    long making = System.nanoTime();
    Object value = make.get();
    makeNanos += System.nanoTime() - making;
    String id = next(name);
    long start = System.nanoTime();
    Object returned = SERVICE.admit(id, value, value, value, value, value);
    slow(id + " " + name, start);
    System.out.println(id + " " + name + " -> returned " + same(returned, value)
        + ", granted " + same(SERVICE.lastGrant, value));
  }

  private interface Failing {
    Object run() throws Throwable;
  }

  private static void fail(String name, Failing call, Throwable expected) {
    long start = System.nanoTime();
    try {
      call.run();
      System.out.println(String.format("c%02d", CASES.size()) + " " + name + " -> returned");
    } catch (Throwable t) {
      System.out.println(String.format("c%02d", CASES.size()) + " " + name + " -> threw "
          + t.getClass().getName() + " " + same(t, expected) + describe(t));
    }
    slow(name, start);
  }

  /** One admission that calls the API or a grant {@link #DEEP} times. */
  private static void many(String name, ToIntFunction<String> call) {
    String id = next(name);
    long start = System.nanoTime();
    int done = call.applyAsInt(id);
    slow(id + " " + name, start);
    System.out.println(id + " " + name + " -> returned " + done);
  }

  /** Message length and hash when it can be read: reading it is the application's business. */
  private static String describe(Throwable t) {
    if (t instanceof Hostile.HostileException) {
      return "";
    }
    String m = t.getMessage();
    return m == null ? ", no message"
        : ", message of " + m.length() + " chars, hash " + m.hashCode();
  }

  private static void asyncCall(String name, Object value, Throwable failure) {
    String id = next(name);
    CompletableFuture<Object> f = SERVICE.async(id, value, failure);
    // handle() sees the stage's own exception: join() would wrap it, and wrapping calls toString.
    Object outcome = f.handle((v, e) -> e != null ? e : v).join();
    System.out.println(id + " " + name + " -> "
        + (f.isCompletedExceptionally() ? "failed " : "completed ")
        + same(outcome, failure != null ? failure : value));
  }

  private static String same(Object a, Object b) {
    return a == b ? "same" : "other";
  }
}
