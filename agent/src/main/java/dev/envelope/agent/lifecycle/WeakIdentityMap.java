package dev.envelope.agent.lifecycle;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values: a task the
 * application drops is never kept alive by the context the agent attached to it, and a task class
 * overriding {@code equals} cannot mix two tasks up.
 *
 * @param <V> the value type
 */
final class WeakIdentityMap<V> {
  private final ConcurrentHashMap<Object, V> map;
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  /**
   * Set by the first put: until then no lookup can find anything, so none is made. Not
   * {@code map.isEmpty()}: that sums per-thread counters, and while other threads put and remove
   * it can read zero with an entry present, and a task would run without its context.
   */
  private volatile boolean used;

  WeakIdentityMap() {
    this(new ConcurrentHashMap<>());
  }

  /** For tests: over a given (empty) map. */
  WeakIdentityMap(ConcurrentHashMap<Object, V> map) {
    this.map = map;
  }

  void put(Object key, V value) {
    if (!used) {
      used = true; // once: a volatile write on every put would cost each task a fence
    }
    purge();
    map.put(new WeakKey(key, collected), value);
  }

  V get(Object key) {
    return used ? map.get(new LookupKey(key)) : null;
  }

  V remove(Object key) {
    return used ? map.remove(new LookupKey(key)) : null;
  }

  int size() {
    purge();
    return map.size();
  }

  private void purge() {
    for (Object ref = collected.poll(); ref != null; ref = collected.poll()) {
      map.remove(ref);
    }
  }

  /** The stored key. */
  private static final class WeakKey extends WeakReference<Object> {
    private final int hash;

    WeakKey(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      Object mine = get();
      if (o instanceof LookupKey) {
        return mine != null && mine == ((LookupKey) o).referent;
      }
      return o instanceof WeakKey && mine != null && mine == ((WeakKey) o).get();
    }
  }

  /** A short-lived key for lookups, equal to the stored key of the same object. */
  private static final class LookupKey {
    private final Object referent;

    LookupKey(Object referent) {
      this.referent = referent;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(referent);
    }

    @Override
    public boolean equals(Object o) {
      if (o instanceof WeakKey) {
        return ((WeakKey) o).get() == referent;
      }
      return o instanceof LookupKey && ((LookupKey) o).referent == referent;
    }
  }
}
