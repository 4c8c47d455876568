package dev.envelope.it.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady load on the sample backend: each client thread deploys a model and deletes the
 * deployment again, so capacity never runs out. Keeps every answer's status and latency.
 */
public final class DeployCycles {
  private static final String HALF_GPU =
      "{\"model\":\"m\",\"engine\":\"vllm\",\"gpu_count\":0.5,\"location\":\"us-west\"}";
  private static final Pattern DEPLOYMENT_ID = Pattern.compile("\"deployment_id\"\\s*:\\s*\"([^\"]+)\"");

  private final Map<String, Integer> statusByRequest = new ConcurrentHashMap<>();
  private final List<Long> nanos = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger errors = new AtomicInteger();

  private DeployCycles() {}

  /** Runs {@code cycles} deploy/delete pairs on {@code threads} client threads. */
  public static DeployCycles run(int port, int threads, int cycles, String prefix)
      throws Exception {
    DeployCycles load = new DeployCycles();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(() -> {
          for (int i = next.incrementAndGet(); i <= cycles; i = next.incrementAndGet()) {
            load.cycle(port, prefix + i);
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return load;
  }

  private void cycle(int port, String id) {
    try {
      long start = System.nanoTime();
      Http.Reply deployed = Http.post(port, "/serving/deploy_model", HALF_GPU,
          headers(id + "-deploy"));
      nanos.add(System.nanoTime() - start);
      statusByRequest.put(id + "-deploy", deployed.status);
      Matcher m = DEPLOYMENT_ID.matcher(deployed.body);
      if (deployed.status == 201 && m.find()) {
        start = System.nanoTime();
        Http.Reply deleted = Http.delete(port, "/serving/deployments/" + m.group(1),
            headers(id + "-delete"));
        nanos.add(System.nanoTime() - start);
        statusByRequest.put(id + "-delete", deleted.status);
      }
    } catch (Exception e) {
      errors.incrementAndGet();
    }
  }

  public static Map<String, String> headers(String requestId) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer demo-token");
    h.put("X-Tenant", "acme");
    h.put("X-Request-Id", requestId);
    h.put("X-Workspace", "ws-7");
    h.put("X-Audit-Level", "full");
    return h;
  }

  /** Status of every answered request, by its {@code X-Request-Id}. */
  public Map<String, Integer> statuses() {
    return statusByRequest;
  }

  /** Requests that got no answer at all. */
  public int errors() {
    return errors.get();
  }

  public int requests() {
    return statusByRequest.size();
  }

  /** The {@code q} quantile of request latency (0.5, 0.99, 1.0), in milliseconds. */
  public double millis(double q) {
    long[] sorted;
    synchronized (nanos) {
      sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    }
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        requests(), millis(0.5), millis(0.99), millis(1.0));
  }
}
