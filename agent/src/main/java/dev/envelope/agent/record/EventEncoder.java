package dev.envelope.agent.record;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Failure;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Fields;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
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

  /** Successively harsher cuts: max string length, max keys per extension, max keys per family. */
  private static final int[][] CUTS = {
    {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE},
    {64, 16, Integer.MAX_VALUE},
    {16, 0, Integer.MAX_VALUE},
    {8, 0, 48},
    {8, 0, 16},
  };

  private final String serviceName;

  public EventEncoder(String serviceName) {
    this.serviceName = serviceName;
  }

  public String encode(Transition t) {
    String line = null;
    for (int i = 0; i < CUTS.length; i++) {
      line = encode(t, CUTS[i][0], CUTS[i][1], CUTS[i][2], i > 0);
      if (utf8Length(line) < MAX_LINE_BYTES) {
        return line;
      }
    }
    return line;
  }

  /** The envelope alone, as the JSON object of SPEC §4. */
  public static String envelopeJson(Envelope e) {
    StringBuilder sb = new StringBuilder(1024);
    writeEnvelope(new JsonWriter(sb), e, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    return sb.toString();
  }

  private String encode(Transition t, int maxString, int maxExtKeys, int maxFamilyKeys,
      boolean truncated) {
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
    if (truncated) {
      w.field("truncated", Boolean.TRUE);
    }
    w.name("envelope");
    writeEnvelope(w, e, maxString, maxExtKeys, maxFamilyKeys);
    w.endObject();
    return sb.toString();
  }

  private static void writeEnvelope(JsonWriter w, Envelope e, int maxString, int maxExtKeys,
      int maxFamilyKeys) {
    w.beginObject()
        .field("schema_version", Envelope.SCHEMA_VERSION)
        .field("envelope_id", e.id())
        .field("parent_envelope_id", e.admission().parentEnvelopeId())
        .field("phase", e.phase().wireName());
    for (Family f : Family.values()) {
      w.name(f.wireName()).value(cut(e.family(f), maxString, maxFamilyKeys));
    }
    Failure failure = e.failure();
    w.name("failure");
    if (failure == null) {
      w.value(null);
    } else {
      w.beginObject()
          .field("stage", failure.stage().wireName())
          .field("error_type", failure.errorType())
          .field("reason", cutString(failure.reason(), Math.max(maxString, 64)))
          .endObject();
    }
    w.name("extensions").beginObject();
    if (maxExtKeys > 0) {
      for (Map.Entry<String, Fields> ext : e.extensions().entrySet()) {
        w.name(ext.getKey()).value(cut(ext.getValue(), maxString, maxExtKeys));
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
    w.name("redacted").value(e.redacted());
    w.field("trace_id", e.traceId()).field("span_id", e.spanId());
    w.endObject();
  }

  private static Map<String, Object> cut(Fields fields, int maxString, int maxKeys) {
    if (maxString == Integer.MAX_VALUE && maxKeys == Integer.MAX_VALUE) {
      return fields.asMap();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.asMap().entrySet()) {
      if (out.size() >= maxKeys) {
        break;
      }
      Object v = e.getValue();
      if (v instanceof String) {
        v = cutString((String) v, maxString);
      } else if (v instanceof List && maxString < Integer.MAX_VALUE) {
        List<?> list = (List<?>) v;
        v = list.size() > 4 ? list.subList(0, 4) : list;
      }
      out.put(cutString(e.getKey(), Math.max(maxString, 32)), v);
    }
    return out;
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
