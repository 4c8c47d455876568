package dev.envelope.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.agent.cli.CliRunner;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's figures equal an independent computation: {@link EventGenerator} keeps, for every
 * envelope it writes, what the report must count, and this test adds those up its own way and
 * compares them with the report's JSON, figure by figure.
 */
class ReportFiguresTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aMillionEventsOverRolledAndGzippedFiles(@TempDir Path dir) throws Exception {
    EventGenerator generator = new EventGenerator(20261128L);
    generator.gzipAll = true;
    long t0 = System.nanoTime();
    List<Path> files = generator.write(dir, 1_000_000, 4);
    long t1 = System.nanoTime();
    EventGenerator.Expected x = generator.expected();
    assertThat(x.events).isGreaterThanOrEqualTo(1_000_000);

    List<String> args = new ArrayList<>(List.of("report", "--format", "json"));
    files.forEach(f -> args.add(f.toString()));
    long r0 = System.nanoTime();
    CliRunner.Result result = CliRunner.run(args);
    long r1 = System.nanoTime();
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = JSON.readTree(result.out());

    assertFigures(report, x, e -> true);
    double seconds = (r1 - r0) / 1e9;
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    System.out.printf("report: %,d lines (%,d events, %,d envelopes) in %.2f s = %,.0f events/s;"
            + " %d files, %,d bytes on disk (3 of 4 gzip'd); generating took %.2f s%n",
        x.lines, x.events, x.envelopes.size(), seconds, x.events / seconds, files.size(), bytes,
        (t1 - t0) / 1e9);
  }

  @Test
  void filtersCountOnlyTheEnvelopesTheyMatch(@TempDir Path dir) throws Exception {
    EventGenerator generator = new EventGenerator(7L);
    List<Path> files = generator.write(dir, 30_000, 3);
    EventGenerator.Expected x = generator.expected();
    Function<EventGenerator.Env, Long> admitted = e -> e.admittedAt;
    long from = x.envelopes.get(x.envelopes.size() / 4).admittedAt;
    long to = x.envelopes.get(x.envelopes.size() / 2).admittedAt;

    JsonNode byTenant = report(files, "--tenant", "globex");
    assertFigures(byTenant, x, e -> "globex".equals(e.tenant));

    JsonNode noTenant = report(files, "--tenant", EnvelopeFacts.NO_TENANT);
    assertFigures(noTenant, x, e -> e.tenant == null);

    JsonNode bareOperation = report(files, "--operation", "infer");
    assertFigures(bareOperation, x, e -> e.operation().equals("inference.infer"));
    JsonNode fullOperation = report(files, "--operation", "serving.deploy_model");
    assertFigures(fullOperation, x, e -> e.operation().equals("serving.deploy_model"));

    JsonNode window = report(files, "--since", Timestamps.format(from), "--until",
        Timestamps.format(to), "--tenant", "acme");
    assertFigures(window, x, e -> admitted.apply(e) >= from && admitted.apply(e) < to
        && "acme".equals(e.tenant));
  }

  @Test
  void theOrderOfTheFilesDoesNotChangeTheFigures(@TempDir Path dir) throws Exception {
    EventGenerator generator = new EventGenerator(99L);
    List<Path> newestFirst = generator.write(dir, 20_000, 4);
    List<Path> oldestFirst = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);
    JsonNode a = report(newestFirst, "--list", "0");
    JsonNode b = report(oldestFirst, "--list", "0");
    for (JsonNode r : List.of(a, b)) {
      // Which torn line comes first depends on the order, naturally.
      ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("input")).remove(
          List.of("first_torn", "first_not_event"));
    }
    assertThat(b.equals(a)).as("the same report whichever file comes first").isTrue();
    assertFigures(a, generator.expected(), e -> true);
  }

  static JsonNode report(List<Path> files, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("report", "--format", "json"));
    args.addAll(List.of(options));
    files.forEach(f -> args.add(f.toString()));
    CliRunner.Result result = CliRunner.run(args);
    assertThat(result.code()).as(result.err()).isZero();
    return JSON.readTree(result.out());
  }

  // ---- the independent computation ----

  /** Every figure of the report equals what the generator's model of the envelopes says. */
  static void assertFigures(JsonNode report, EventGenerator.Expected x,
      Predicate<EventGenerator.Env> filter) {
    List<EventGenerator.Env> envs = EventGenerator.counted(x, filter);
    JsonNode input = report.get("input");
    assertThat(input.get("lines").asLong()).as("lines").isEqualTo(x.lines);
    assertThat(input.get("events").asLong()).as("events").isEqualTo(x.events);
    assertThat(input.get("torn_lines").asLong()).as("torn").isEqualTo(x.torn);
    assertThat(input.get("not_event_lines").asLong()).as("not events").isEqualTo(x.notEvents);
    assertThat(input.get("duplicate_lines").asLong()).as("duplicates").isEqualTo(x.duplicates);
    assertThat(input.get("blank_lines").asLong()).as("blank").isEqualTo(x.blank);

    assertGroup("total", report.get("total"), envs);
    Map<String, List<EventGenerator.Env>> byOp = new TreeMap<>();
    Map<String, List<EventGenerator.Env>> byTenant = new TreeMap<>();
    for (EventGenerator.Env e : envs) {
      byOp.computeIfAbsent(e.operation(), k -> new ArrayList<>()).add(e);
      byTenant.computeIfAbsent(e.tenantOrNone(), k -> new ArrayList<>()).add(e);
    }
    assertThat(names(report.get("by_operation"))).isEqualTo(new ArrayList<>(byOp.keySet()));
    assertThat(names(report.get("by_tenant"))).isEqualTo(new ArrayList<>(byTenant.keySet()));
    byOp.forEach((k, v) -> assertGroup("operation " + k, report.get("by_operation").get(k), v));
    byTenant.forEach((k, v) -> assertGroup("tenant " + k, report.get("by_tenant").get(k), v));

    Map<String, Long> violations = new TreeMap<>();
    for (EventGenerator.Env e : envs) {
      if (e.injected != null) {
        violations.merge(e.injected, 1L, Long::sum);
      }
    }
    Map<String, Long> reported = new TreeMap<>();
    report.get("violations").get("by_kind").fields()
        .forEachRemaining(f -> reported.put(f.getKey(), f.getValue().asLong()));
    assertThat(reported).as("violations by kind").isEqualTo(violations);
    for (JsonNode v : report.get("violations").get("listed")) {
      EventGenerator.Env e = find(envs, v.get("envelope_id").asText());
      assertThat(v.get("kind").asText()).as("violation of %s", e.id).isEqualTo(e.injected);
    }
  }

  private static void assertGroup(String name, JsonNode g, List<EventGenerator.Env> envs) {
    long finalized = 0;
    long failed = 0;
    long open = 0;
    Map<String, Long> stages = new TreeMap<>();
    List<Long> latencies = new ArrayList<>();
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    for (EventGenerator.Env e : envs) {
      EventGenerator.Snapshot c = e.counted;
      switch (c.phase) {
        case "finalized":
          finalized++;
          latencies.add(c.at - e.admittedAt);
          break;
        case "failed":
          failed++;
          stages.merge(c.failureStage, 1L, Long::sum);
          latencies.add(c.at - e.admittedAt);
          break;
        default:
          open++;
      }
      Map<String, Object> asked = c.requested != null ? c.requested : e.requested;
      java.util.Set<String> keys = new java.util.TreeSet<>();
      asked.forEach((k, v) -> {
        if (v instanceof Number) {
          keys.add(k);
        }
      });
      c.granted.forEach((k, v) -> {
        if (v instanceof Number) {
          keys.add(k);
        }
      });
      for (String k : keys) {
        BigDecimal a = decimal(asked.get(k));
        BigDecimal gr = decimal(c.granted.get(k));
        long[] n = counts.computeIfAbsent(k, key -> new long[5]);
        BigDecimal[] s = sums.computeIfAbsent(k, key -> new BigDecimal[] {BigDecimal.ZERO,
            BigDecimal.ZERO});
        if (a != null) {
          n[0]++;
          s[0] = s[0].add(a);
        }
        if (gr != null) {
          n[1]++;
          s[1] = s[1].add(gr);
        }
        if (a != null && gr != null) {
          n[2]++;
          if (gr.compareTo(a) < 0) {
            n[3]++;
          } else if (gr.compareTo(a) > 0) {
            n[4]++;
          }
        }
      }
    }
    assertThat(g.get("envelopes").asLong()).as(name + " envelopes").isEqualTo(envs.size());
    assertThat(g.get("finalized").asLong()).as(name + " finalized").isEqualTo(finalized);
    assertThat(g.get("failed").asLong()).as(name + " failed").isEqualTo(failed);
    assertThat(g.get("open").asLong()).as(name + " open").isEqualTo(open);
    Map<String, Long> reportedStages = new TreeMap<>();
    g.get("failed_by_stage").fields()
        .forEachRemaining(f -> reportedStages.put(f.getKey(), f.getValue().asLong()));
    assertThat(reportedStages).as(name + " failed by stage").isEqualTo(stages);

    latencies.sort(null);
    JsonNode lat = g.get("latency_ms");
    assertThat(lat.get("count").asLong()).as(name + " latencies").isEqualTo(latencies.size());
    for (int p : new int[] {50, 95, 99}) {
      if (latencies.isEmpty()) {
        assertThat(lat.get("p" + p).isNull()).isTrue();
        continue;
      }
      // Nearest rank, in exact decimal arithmetic: the ceil(p/100 * n)-th smallest.
      int rank = BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(latencies.size()))
          .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValueExact();
      BigDecimal want = BigDecimal.valueOf(latencies.get(Math.max(rank, 1) - 1), 3);
      assertThat(lat.get("p" + p).decimalValue()).as(name + " p" + p).isEqualByComparingTo(want);
    }

    JsonNode resources = g.get("resources");
    assertThat(names(resources)).as(name + " resources").isEqualTo(new ArrayList<>(counts.keySet()));
    counts.forEach((k, n) -> {
      JsonNode r = resources.get(k);
      BigDecimal[] s = sums.get(k);
      String what = name + " " + k;
      assertThat(r.get("asked_envelopes").asLong()).as(what + " asked by").isEqualTo(n[0]);
      assertThat(r.get("granted_envelopes").asLong()).as(what + " granted to").isEqualTo(n[1]);
      assertThat(r.get("asked_and_granted").asLong()).as(what + " both").isEqualTo(n[2]);
      assertThat(r.get("narrowed").asLong()).as(what + " narrowed").isEqualTo(n[3]);
      assertThat(r.get("widened").asLong()).as(what + " widened").isEqualTo(n[4]);
      assertThat(r.get("asked_total").decimalValue()).as(what + " asked").isEqualByComparingTo(s[0]);
      assertThat(r.get("granted_total").decimalValue()).as(what + " granted")
          .isEqualByComparingTo(s[1]);
      if (n[2] == 0) {
        assertThat(r.get("narrowed_share").isNull()).isTrue();
      } else {
        assertThat(r.get("narrowed_share").decimalValue()).as(what + " share")
            .isEqualByComparingTo(BigDecimal.valueOf(n[3])
                .divide(BigDecimal.valueOf(n[2]), 4, RoundingMode.HALF_UP));
      }
    });
  }

  private static BigDecimal decimal(Object v) {
    if (v instanceof Long) {
      return BigDecimal.valueOf((Long) v);
    }
    return v instanceof BigDecimal ? (BigDecimal) v : null;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> i = object.fieldNames(); i.hasNext(); ) {
      names.add(i.next());
    }
    return names;
  }

  private static EventGenerator.Env find(List<EventGenerator.Env> envs, String id) {
    for (EventGenerator.Env e : envs) {
      if (e.id.equals(id)) {
        return e;
      }
    }
    throw new AssertionError("the report lists a violation of an unknown envelope " + id);
  }
}
