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

  /** Envelopes whose admission JSON is kept, by identity; a slot holds the latest one. */
  private static final int ADMISSION_SLOTS = 256;

  private final String serviceName;
  /**
   * The admission families of recent envelopes, already written: every event of an envelope
   * repeats them unchanged. Entries are immutable, so a race only costs a re-encoding.
   */
  private final AdmissionJson[] admissions = new AdmissionJson[ADMISSION_SLOTS];

  public EventEncoder(String serviceName) {
    this.serviceName = serviceName;
  }

  public String encode(Transition t) {
    return encode(t, MAX_LINE_BYTES);
  }

  /**
   * The line, cut as {@link #encode(Transition)} cuts it but to stay under {@code maxBytes}: for a
   * reader that keeps many lines in memory (the live view). Below a few KiB the last cut may still
   * leave it longer.
   */
  public String encode(Transition t, int maxBytes) {
    String line = null;
    for (Cut cut : CUTS) {
      line = encode(t, cut);
      // No UTF-16 char takes more than three UTF-8 bytes: short lines need no counting.
      if (line.length() < maxBytes / 3 || utf8Length(line) < maxBytes) {
        return line;
      }
    }
    return line;
  }

  /** The envelope alone, as the JSON object of SPEC §4. */
  public String envelopeJson(Envelope e) {
    StringBuilder sb = new StringBuilder(1024);
    writeEnvelope(new JsonWriter(sb), e, CUTS[0]);
    return sb.toString();
  }

  /** One line's worth of builder per thread, reused: a fresh one per line costs more than the JSON. */
  private static final ThreadLocal<StringBuilder> BUILDER =
      ThreadLocal.withInitial(() -> new StringBuilder(4096));

  private static StringBuilder builder() {
    StringBuilder sb = BUILDER.get();
    if (sb.capacity() > 4 * MAX_LINE_BYTES) {
      // A huge envelope grew it: do not keep that much for good.
      sb = new StringBuilder(4096);
      BUILDER.set(sb);
    }
    sb.setLength(0);
    return sb;
  }

  private String encode(Transition t, Cut cut) {
    Envelope e = t.envelope();
    StringBuilder sb = builder();
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

  private void writeEnvelope(JsonWriter w, Envelope e, Cut cut) {
    w.beginObject()
        .field("schema_version", Envelope.SCHEMA_VERSION)
        .field("envelope_id", e.id())
        .field("parent_envelope_id", e.admission().parentEnvelopeId())
        .field("phase", e.phase().wireName());
    boolean admissionWritten = false;
    if (cut.isNone()) {
      w.members(admissionMembers(e.admission()));
      admissionWritten = true;
    }
    for (Family f : Family.values()) {
      if (admissionWritten && f.isAdmission()) {
        continue;
      }
      Fields all = e.family(f);
      boolean whole = cut.isNone() || (f == Family.EXECUTION && !cut.evenCore);
      Map<String, Object> values = whole ? all.asMap() : cut(all, cut, cut.maxFamilyKeys);
      if (!whole) {
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

  /** {@code "caller":{..},"execution":{..},...}: the families frozen at admission, uncut. */
  private String admissionMembers(Admission admission) {
    int slot = System.identityHashCode(admission) & (ADMISSION_SLOTS - 1);
    AdmissionJson cached = admissions[slot];
    if (cached != null && cached.admission == admission) {
      return cached.json;
    }
    StringBuilder sb = new StringBuilder(512);
    JsonWriter w = new JsonWriter(sb);
    for (Family f : Family.values()) {
      if (f.isAdmission()) {
        w.name(f.wireName()).value(admission.family(f).asMap());
      }
    }
    String json = sb.toString();
    admissions[slot] = new AdmissionJson(admission, json);
    return json;
  }

  private static final class AdmissionJson {
    final Admission admission;
    final String json;

    AdmissionJson(Admission admission, String json) {
      this.admission = admission;
      this.json = json;
    }
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

  /** The second last formatted; an immutable pair, so threads may race on it harmlessly. */
  private static volatile SecondPrefix lastSecond = new SecondPrefix(Long.MIN_VALUE, "");

  /** ISO-8601 UTC with exactly six fraction digits, as {@code appendInstant(6)} writes it. */
  static String timestamp(Instant at) {
    if (at == null) {
      return null;
    }
    long second = at.getEpochSecond();
    SecondPrefix prefix = lastSecond;
    if (prefix.second != second) {
      String whole = MICROS.format(Instant.ofEpochSecond(second));
      // "...:SS.000000Z" minus "000000Z"
      prefix = new SecondPrefix(second, whole.substring(0, whole.length() - 7));
      lastSecond = prefix;
    }
    int micros = at.getNano() / 1000;
    char[] tail = new char[7];
    for (int i = 5; i >= 0; i--) {
      tail[i] = (char) ('0' + micros % 10);
      micros /= 10;
    }
    tail[6] = 'Z';
    return prefix.text.concat(new String(tail));
  }

  private static final class SecondPrefix {
    final long second;
    final String text;

    SecondPrefix(long second, String text) {
      this.second = second;
      this.text = text;
    }
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
