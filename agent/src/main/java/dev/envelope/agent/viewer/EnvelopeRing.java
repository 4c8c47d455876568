package dev.envelope.agent.viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent admissions, at most {@code capacity}, each with its latest snapshot. Written by
 * the recorder thread alone, read by the viewer's HTTP thread; both hold the lock only to touch the
 * map, never while encoding or sending.
 *
 * <p>Order is admission order: a later transition replaces an envelope's snapshot in place. When
 * a new admission pushes the oldest one out, a transition that arrives for it later is dropped: the
 * ring shows the last {@code capacity} admissions, not whatever changed last.
 */
final class EnvelopeRing {
  private final int capacity;
  private final LinkedHashMap<String, ViewedEnvelope> byId;

  EnvelopeRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    // Sized once so that it never rehashes while it fills up.
    this.byId = new LinkedHashMap<String, ViewedEnvelope>((int) (capacity / 0.75f) + 2) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ViewedEnvelope> eldest) {
        return size() > EnvelopeRing.this.capacity;
      }
    };
  }

  int capacity() {
    return capacity;
  }

  /** Keeps {@code e} as its envelope's latest snapshot; an admission may push the oldest out. */
  synchronized void put(ViewedEnvelope e) {
    ViewedEnvelope known = byId.get(e.id());
    if (known != null) {
      if (e.seq() > known.seq()) {
        byId.put(e.id(), e);
      }
    } else if (e.seq() == 1) {
      byId.put(e.id(), e);
    }
  }

  synchronized int size() {
    return byId.size();
  }

  /** A copy of what is kept, newest admission first. */
  List<ViewedEnvelope> newestFirst() {
    List<ViewedEnvelope> out;
    synchronized (this) {
      out = new ArrayList<>(byId.values());
    }
    for (int i = 0, j = out.size() - 1; i < j; i++, j--) {
      out.set(i, out.set(j, out.get(i)));
    }
    return out;
  }

  /** For tests: the ids kept, oldest first. */
  synchronized List<String> ids() {
    return new ArrayList<>(byId.keySet());
  }
}
