package dev.envelope.agent.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic but schema-valid event record of many concurrent envelopes, the way the
 * agent's file looks after a busy day: lines of envelopes in flight interleaved, split over a
 * rolled and gzip'd set of files, with torn lines, duplicate lines, lines that are not events,
 * envelopes that never ended and a few of each invariant violation.
 *
 * <p>While it writes, it keeps the figures the report must arrive at, computed from its own model
 * of each envelope rather than from the lines: the test's independent computation.
 */
final class EventGenerator {
  static final String[][] OPERATIONS = {
      {"serving", "deploy_model", "deployment"},
      {"inference", "infer", "inference"},
      {"evaluation", "submit_job", "evaluation"},
      {"data", "transfer", "data_movement"}};
  static final String[] TENANTS = {"acme", "globex", "initech", "umbrella", null};

  private final Random random;
  private final long start = 1_795_000_000_000_000L; // 2026-11-18, in microseconds
  private long clock = start;
  private long counter;

  /** The model of one envelope, and the snapshots it is written as. */
  static final class Env {
    String id;
    String trace;
    String span;
    String[] op;
    String tenant;
    long admittedAt;
    Map<String, Object> requested = new LinkedHashMap<>();
    /** The snapshots in seq order: granted, resolution, phase, failure stage, time. */
    List<Snapshot> snapshots = new ArrayList<>();
    /** The snapshot the report reads its figures from: the first terminal, or the last. */
    Snapshot counted;
    String injected;

    String operation() {
      return op[0] + "." + op[1];
    }

    String tenantOrNone() {
      return tenant == null ? EnvelopeFacts.NO_TENANT : tenant;
    }
  }

  static final class Snapshot {
    String event;
    String phase;
    long at;
    Map<String, Object> granted = new LinkedHashMap<>();
    Map<String, Object> resolution = new LinkedHashMap<>();
    Map<String, Object> requested;
    String failureStage;
    Long resolvedAt;
  }

  /** What the report must say. */
  static final class Expected {
    long lines;
    long events;
    long torn;
    long notEvents;
    long duplicates;
    long blank;
    final List<Env> envelopes = new ArrayList<>();
    final Map<String, Long> violations = new TreeMap<>();
  }

  private final Expected expected = new Expected();
  private final List<String> pendingLines = new ArrayList<>();
  private int gzipIndex;
  /** Compress every rolled file, not only the oldest: saves disk for a big record. */
  boolean gzipAll;

  EventGenerator(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Writes at least {@code events} event lines of envelopes over {@code files} files under {@code
   * dir} ({@code events.jsonl.<n>} oldest first, the oldest gzip'd), and returns the files newest
   * first, as a person lists them.
   */
  List<Path> write(Path dir, long events, int files) throws IOException {
    List<String> lines = new ArrayList<>();
    PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    List<String> queued = new ArrayList<>();
    List<Env> owners = new ArrayList<>();
    gzipIndex = files >= 3 ? files - 1 : -1;
    long written = 0;
    List<Path> paths = new ArrayList<>();
    long perFile = events / files + 1;
    int fileIndex = files - 1;
    Writer out = open(dir, fileIndex, paths);
    long inFile = 0;
    while (written < events || !queue.isEmpty()) {
      if (written + queue.size() < events) {
        Env env = envelope();
        for (String line : lines(env)) {
          queued.add(line);
          owners.add(env);
          queue.add(new long[] {timeOf(line), queued.size() - 1});
        }
        clock += 20 + random.nextInt(200);
      }
      while (!queue.isEmpty() && (queue.peek()[0] < clock || written + queue.size() >= events)) {
        long[] next = queue.poll();
        String line = queued.set((int) next[1], null);
        Env owner = owners.set((int) next[1], null);
        out.write(line);
        out.write('\n');
        written++;
        inFile++;
        expected.lines++;
        expected.events++;
        inject(out, line, owner);
        if (inFile >= perFile && fileIndex > 0) {
          out.close();
          out = open(dir, --fileIndex, paths);
          inFile = 0;
        }
      }
      if (queue.isEmpty()) {
        queued.clear();
        owners.clear();
      }
    }
    for (String late : pendingLines) {
      out.write(late);
      out.write('\n');
      expected.lines++;
    }
    out.close();
    return paths;
  }

  Expected expected() {
    return expected;
  }

  private Writer open(Path dir, int index, List<Path> paths) throws IOException {
    Path p = dir.resolve(index == 0 ? "events.jsonl" : "events.jsonl." + index);
    paths.add(0, p);
    // Rolled files compressed, as logrotate leaves them; fastest level, since this is a test.
    boolean gzip = index > 0 && gzipAll || index == gzipIndex;
    java.io.OutputStream os = Files.newOutputStream(p);
    if (gzip) {
      os = new GZIPOutputStream(os, 1 << 16) {
        {
          def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
      };
    }
    return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Torn, duplicate, blank and foreign lines around real ones, at low rates. */
  private void inject(Writer out, String line, Env owner) throws IOException {
    int dice = random.nextInt(10_000);
    if (owner.injected != null && dice >= 5 && dice < 15) {
      // A repeat of a line after a second terminal event would be a second violation.
      return;
    }
    if (dice < 5) {
      out.write(line, 0, 1 + random.nextInt(line.length() - 2));
      out.write('\n');
      expected.lines++;
      expected.torn++;
    } else if (dice < 15) {
      // A repeat, right away or at the very end (after its envelope was counted).
      if (random.nextBoolean()) {
        out.write(line);
        out.write('\n');
        expected.lines++;
      } else {
        pendingLines.add(line);
      }
      expected.duplicates++;
      expected.events++;
    } else if (dice < 16) {
      out.write("{\"level\":\"INFO\",\"message\":\"not an envelope event\"}\n");
      expected.lines++;
      expected.notEvents++;
    } else if (dice < 17) {
      out.write('\n');
      expected.lines++;
      expected.blank++;
    }
  }

  private Env envelope() {
    Env e = new Env();
    counter++;
    e.id = uuid7(clock, counter);
    e.trace = hex(random.nextLong() | 1, 16) + hex(counter, 16);
    e.span = hex(random.nextLong() | 1, 16);
    e.op = OPERATIONS[random.nextInt(OPERATIONS.length)];
    e.tenant = TENANTS[random.nextInt(TENANTS.length)];
    e.admittedAt = clock;
    switch (e.op[1]) {
      case "deploy_model":
        e.requested.put("model", "llama-3.1-8b");
        e.requested.put("gpu_count", random.nextInt(5) == 0 ? new BigDecimal("0.5")
            : (Object) (long) (1 + random.nextInt(8)));
        e.requested.put("memory_gb", (long) (16 << random.nextInt(3)));
        break;
      case "infer":
        e.requested.put("max_output_len", (long) (256 + random.nextInt(4096)));
        e.requested.put("temperature", BigDecimal.valueOf(random.nextInt(100), 2));
        break;
      case "submit_job":
        e.requested.put("gpu_count", (long) (1 + random.nextInt(4)));
        e.requested.put("sample_count", (long) (100 * (1 + random.nextInt(50))));
        break;
      default:
        e.requested.put("bandwidth_mbps", (long) (100 * (1 + random.nextInt(20))));
        e.requested.put("bytes", (long) random.nextInt(Integer.MAX_VALUE) * 1000L);
        break;
    }
    long t = e.admittedAt;
    Snapshot admitted = snapshot("envelope.admitted", "admission", t, null);
    e.snapshots.add(admitted);
    int outcome = random.nextInt(100);
    // finalized 70%, failed at admission 10%, at resolution 8%, at finalization 7%, open 5%
    int grants = outcome < 70 ? random.nextInt(3) : outcome < 80 ? 0 : outcome < 88
        ? random.nextInt(2) : 1 + random.nextInt(2);
    Snapshot last = admitted;
    for (int g = 0; g < grants; g++) {
      t += 50 + random.nextInt(20_000);
      Snapshot s = snapshot("envelope.resolved", "resolved", t, last);
      grant(e, s, g);
      s.resolvedAt = t;
      e.snapshots.add(s);
      last = s;
    }
    t += 50 + random.nextInt(30_000);
    if (outcome < 70) {
      Snapshot s = snapshot("envelope.finalized", "finalized", t, last);
      s.resolution.put("deployment_id", "dep-" + counter);
      e.snapshots.add(s);
    } else if (outcome < 95) {
      String stage = outcome < 80 ? "admission" : outcome < 88 ? "resolution" : "finalization";
      Snapshot s = snapshot("envelope.failed", "failed", t, last);
      s.failureStage = stage;
      e.snapshots.add(s);
    }
    Snapshot end = e.snapshots.get(e.snapshots.size() - 1);
    e.counted = end;
    violate(e);
    expected.envelopes.add(e);
    return e;
  }

  /** A few envelopes of each kind of violation, each giving exactly one. */
  private void violate(Env e) {
    int dice = random.nextInt(10_000);
    int n = e.snapshots.size();
    Snapshot end = e.snapshots.get(n - 1);
    boolean terminal = end.event.equals("envelope.finalized") || end.event.equals("envelope.failed");
    if (dice < 5 && n >= 3) {
      Snapshot middle = e.snapshots.get(1);
      middle.requested = new LinkedHashMap<>(e.requested);
      middle.requested.put("priority", "high");
      e.injected = "changed_ask";
    } else if (dice < 10 && end.event.equals("envelope.failed") && end.failureStage.equals("finalization")) {
      end.granted.put("bonus_gpu_count", 1L);
      e.injected = "grant_on_failed";
    } else if (dice < 15 && terminal && end.event.equals("envelope.finalized") && n >= 3
        && !e.snapshots.get(n - 2).granted.isEmpty()) {
      String key = end.granted.keySet().iterator().next();
      end.granted.remove(key);
      e.injected = "grant_removed";
    } else if (dice < 20 && terminal) {
      Snapshot again = snapshot(end.event, end.phase, end.at + 1000, end);
      again.failureStage = end.failureStage;
      e.snapshots.add(again);
      e.injected = "duplicate_terminal";
    }
    if (e.injected != null) {
      expected.violations.merge(e.injected, 1L, Long::sum);
    }
  }

  private void grant(Env e, Snapshot s, int round) {
    for (Map.Entry<String, Object> r : e.requested.entrySet()) {
      if (!(r.getValue() instanceof Number) || r.getKey().equals("temperature")
          || r.getKey().equals("bytes")) {
        continue;
      }
      BigDecimal asked = r.getValue() instanceof BigDecimal ? (BigDecimal) r.getValue()
          : BigDecimal.valueOf((Long) r.getValue());
      int dice = random.nextInt(100);
      BigDecimal granted = dice < 40 ? asked.divide(BigDecimal.valueOf(2)).stripTrailingZeros()
          : dice < 43 ? asked.add(BigDecimal.ONE) : asked;
      s.granted.put(r.getKey(), granted.scale() <= 0 ? (Object) granted.longValueExact() : granted);
    }
    s.resolution.put("node", "node-" + round + "-" + random.nextInt(9));
  }

  private static Snapshot snapshot(String event, String phase, long at, Snapshot before) {
    Snapshot s = new Snapshot();
    s.event = event;
    s.phase = phase;
    s.at = at;
    if (before != null) {
      s.granted.putAll(before.granted);
      s.resolution.putAll(before.resolution);
      s.resolvedAt = before.resolvedAt;
    }
    return s;
  }

  private List<String> lines(Env e) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < e.snapshots.size(); i++) {
      out.add(line(e, e.snapshots.get(i), i + 1));
    }
    return out;
  }

  private static long timeOf(String line) {
    return Timestamps.micros(line.substring(14, 41));
  }

  private static String line(Env e, Snapshot s, int seq) {
    String ts = Timestamps.format(s.at);
    StringBuilder b = new StringBuilder(900);
    b.append("{\"timestamp\":\"").append(ts).append("\",\"event\":\"").append(s.event)
        .append("\",\"seq\":").append(seq).append(",\"envelope_id\":\"").append(e.id)
        .append("\",\"phase\":\"").append(s.phase).append("\",\"trace_id\":\"").append(e.trace)
        .append("\",\"span_id\":\"").append(e.span)
        .append("\",\"service_name\":\"gen-backend\",\"envelope\":{\"schema_version\":\"1\","
            + "\"envelope_id\":\"").append(e.id).append("\",\"parent_envelope_id\":null,\"phase\":\"")
        .append(s.phase).append("\",\"caller\":{\"requester_urn\":\"urn:user:u")
        .append(e.id.charAt(35)).append('"');
    if (e.tenant != null) {
      b.append(",\"tenant_id\":\"").append(e.tenant).append('"');
    }
    b.append(",\"session_token\":\"[REDACTED]\"},\"execution\":{\"kind\":\"").append(e.op[2])
        .append("\",\"service\":\"").append(e.op[0]).append("\",\"operation\":\"").append(e.op[1])
        .append("\",\"handler\":\"com.acme.Api#").append(e.op[1])
        .append("\"},\"scope\":{\"workspace_id\":\"ws-7\"},\"governance\":{\"audit_level\":\"full\"},"
            + "\"requested\":");
    map(b, s.requested != null ? s.requested : e.requested);
    b.append(",\"granted\":");
    map(b, s.granted);
    b.append(",\"resolution\":");
    map(b, s.resolution);
    b.append(",\"failure\":");
    if (s.failureStage == null) {
      b.append("null");
    } else {
      b.append("{\"stage\":\"").append(s.failureStage)
          .append("\",\"error_type\":\"com.acme.NoCapacityException\",\"reason\":\"no room\"}");
    }
    b.append(",\"extensions\":{},\"timeline\":{\"admitted_at\":\"")
        .append(Timestamps.format(e.admittedAt)).append('"');
    if (s.resolvedAt != null) {
      b.append(",\"resolved_at\":\"").append(Timestamps.format(s.resolvedAt)).append('"');
    }
    if (s.phase.equals("finalized")) {
      b.append(",\"finalized_at\":\"").append(ts).append('"');
    } else if (s.phase.equals("failed")) {
      b.append(",\"failed_at\":\"").append(ts).append('"');
    }
    b.append("},\"redacted\":[\"caller.session_token\"],\"trace_id\":\"").append(e.trace)
        .append("\",\"span_id\":\"").append(e.span).append("\"}}");
    return b.toString();
  }

  private static void map(StringBuilder b, Map<String, Object> m) {
    b.append('{');
    String sep = "";
    for (Map.Entry<String, Object> e : m.entrySet()) {
      b.append(sep).append('"').append(e.getKey()).append("\":");
      Object v = e.getValue();
      if (v instanceof String) {
        b.append('"').append(v).append('"');
      } else if (v instanceof BigDecimal) {
        b.append(((BigDecimal) v).toPlainString());
      } else {
        b.append(v);
      }
      sep = ",";
    }
    b.append('}');
  }

  private String uuid7(long micros, long n) {
    long millis = micros / 1000;
    String time = hex(millis, 12);
    long r = random.nextLong();
    return time.substring(0, 8) + "-" + time.substring(8, 12) + "-7" + hex(n & 0xfff, 3) + "-"
        + "89ab".charAt((int) (n >>> 12 & 3)) + hex(r & 0xfff, 3) + "-" + hex(r >>> 12, 12);
  }

  private static String hex(long v, int digits) {
    String h = Long.toHexString(v);
    if (h.length() > digits) {
      return h.substring(h.length() - digits);
    }
    return "0".repeat(digits - h.length()) + h;
  }

  /** The envelopes the report counts under {@code filter}. */
  static List<Env> counted(Expected x, Predicate<Env> filter) {
    List<Env> out = new ArrayList<>();
    for (Env e : x.envelopes) {
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return out;
  }
}
