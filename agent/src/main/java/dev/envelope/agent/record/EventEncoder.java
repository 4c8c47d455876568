package dev.envelope.agent.record;

import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.model.Admission;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Failure;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Fields;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one event line: a complete snapshot of the envelope after a transition. A line stays under
 * {@link #MAX_LINE_BYTES}: when it would not, extensions and long values are cut first and the
 * line carries {@code "truncated": true}; the core families are never dropped.
 */
public final class EventEncoder {
  public static final int MAX_LINE_BYTES = 64 * 1024;
  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

  /**
   * Successively harsher cuts. Only the last one touches {@code execution} and
   * {@code caller.requester_urn}, which say what the envelope is about and whose.
   */
  private static final Cut[] CUTS = {
    new Cut(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, false),
    new Cut(64, 16, Integer.MAX_VALUE, false),
    new Cut(16, 0, Integer.MAX_VALUE, false),
    new Cut(8, 0, 48, false),
    new Cut(8, 0, 16, false),
    new Cut(8, 0, 8, true),
  };

  /** How far one encoding attempt cuts. */
  private static final class Cut {
    final int maxString;
    final int maxExtensionKeys;
    final int maxFamilyKeys;
    final boolean evenCore;

    Cut(int maxString, int maxExtensionKeys, int maxFamilyKeys, boolean evenCore) {
      this.maxString = maxString;
      this.maxExtensionKeys = maxExtensionKeys;
      this.maxFamilyKeys = maxFamilyKeys;
      this.evenCore = evenCore;
    }

    boolean isNone() {
      return maxString == Integer.MAX_VALUE && maxFamilyKeys == Integer.MAX_VALUE;
    }
  }

  private final String serviceName;

  public EventEncoder(String serviceName) {
    this.serviceName = serviceName;
  }

  public String encode(Transition t) {
    String line = null;
    for (Cut cut : CUTS) {
      line = encode(t, cut);
      if (utf8Length(line) < MAX_LINE_BYTES) {
        return line;
      }
    }
    return line;
  }

  /** The envelope alone, as the JSON object of SPEC §4. */
  public static String envelopeJson(Envelope e) {
    StringBuilder sb = new StringBuilder(1024);
    writeEnvelope(new JsonWriter(sb), e, CUTS[0]);
    return sb.toString();
  }

  private String encode(Transition t, Cut cut) {
    Envelope e = t.envelope();
    StringBuilder sb = new StringBuilder(2048);
    JsonWriter w = new JsonWriter(sb);
    w.beginObject()
        .field("timestamp", timestamp(t.at()))
        .field("event", e.phase().eventName())
        .field("seq", (long) t.seq())
        .field("envelope_id", e.id())
        .field("phase", e.phase().wireName())
        .field("trace_id", e.traceId())
        .field("span_id", e.spanId())
        .field("service_name", serviceName);
    if (!cut.isNone()) {
      w.field("truncated", Boolean.TRUE);
    }
    w.name("envelope");
    writeEnvelope(w, e, cut);
    w.endObject();
    return sb.toString();
  }

  private static void writeEnvelope(JsonWriter w, Envelope e, Cut cut) {
    w.beginObject()
        .field("schema_version", Envelope.SCHEMA_VERSION)
        .field("envelope_id", e.id())
        .field("parent_envelope_id", e.admission().parentEnvelopeId())
        .field("phase", e.phase().wireName());
    for (Family f : Family.values()) {
      Fields all = e.family(f);
      Map<String, Object> values =
          f == Family.EXECUTION && !cut.evenCore ? all.asMap() : cut(all, cut, cut.maxFamilyKeys);
      if (values != all.asMap()) {
        // Whose envelope and what kind of execution are never cut: they are what it is about.
        if (f == Family.CALLER) {
          values.put(Admission.REQUESTER_URN, all.get(Admission.REQUESTER_URN));
        } else if (f == Family.EXECUTION) {
          values.put("kind", all.get("kind"));
        }
      }
      w.name(f.wireName()).value(values);
    }
    Failure failure = e.failure();
    w.name("failure");
    if (failure == null) {
      w.value(null);
    } else {
      w.beginObject()
          .field("stage", failure.stage().wireName())
          .field("error_type", failure.errorType())
          .field("reason", cutString(failure.reason(), Math.max(cut.maxString, 64)))
          .endObject();
    }
    w.name("extensions").beginObject();
    if (cut.maxExtensionKeys > 0) {
      for (Map.Entry<String, Fields> ext : e.extensions().entrySet()) {
        w.name(ext.getKey()).value(cut(ext.getValue(), cut, cut.maxExtensionKeys));
      }
    }
    w.endObject();
    w.name("timeline").beginObject().field("admitted_at", timestamp(e.admittedAt()));
    if (e.resolvedAt() != null) {
      w.field("resolved_at", timestamp(e.resolvedAt()));
    }
    if (e.endedAt() != null) {
      w.field(e.phase().wireName() + "_at", timestamp(e.endedAt()));
    }
    w.endObject();
    w.name("redacted").value(cutKeys(e.redacted(), cut));
    w.field("trace_id", e.traceId()).field("span_id", e.spanId());
    w.endObject();
  }

  private static Map<String, Object> cut(Fields fields, Cut cut, int maxKeys) {
    if (cut.isNone()) {
      return fields.asMap();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.asMap().entrySet()) {
      if (out.size() >= maxKeys) {
        break;
      }
      Object v = e.getValue();
      if (v instanceof String && !Redactor.REDACTED.equals(v)) {
        v = cutString((String) v, cut.maxString);
      } else if (v instanceof List) {
        List<?> list = (List<?>) v;
        List<Object> shorter = new ArrayList<>(4);
        for (Object element : list.subList(0, Math.min(4, list.size()))) {
          shorter.add(element instanceof String ? cutString((String) element, cut.maxString) : element);
        }
        v = shorter;
      }
      // Keys are only cut once their number is; two keys cut to the same prefix keep the first.
      String key = cut.maxFamilyKeys == Integer.MAX_VALUE
          ? e.getKey() : cutKey(e.getKey(), Math.max(cut.maxString, 32));
      out.putIfAbsent(key, v);
    }
    return out;
  }

  private static List<String> cutKeys(List<String> keys, Cut cut) {
    if (cut.isNone()) {
      return keys;
    }
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      if (out.size() >= Math.min(cut.maxFamilyKeys, 64)) {
        break;
      }
      String shorter = cutKey(key, Math.max(cut.maxString, 32));
      if (!out.contains(shorter)) {
        out.add(shorter);
      }
    }
    return out;
  }

  /** A dotted key cut to {@code max} characters, never ending in the dot that joins levels. */
  private static String cutKey(String key, int max) {
    String shorter = cutString(key, max);
    int end = shorter.length();
    while (end > 1 && shorter.charAt(end - 1) == '.') {
      end--;
    }
    return shorter.substring(0, end);
  }

  private static String cutString(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  static String timestamp(Instant at) {
    return at == null ? null : MICROS.format(at);
  }

  static int utf8Length(CharSequence s) {
    int bytes = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
