package dev.envelope.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load at fixed concurrency over loopback: {@code wrk} (Debian package) when it is on
 * the PATH, else a small Java client doing the same (script {@code load.lua}).
 */
abstract class Load {

  /**
   * What each connection sends. {@code inference}: {@code POST /inference/<deploymentId>}, an
   * admission with one grant, answered 200. {@code deploy-delete}: deploy half a GPU, delete that
   * deployment, again (201, 200).
   */
  record Workload(String name, String deploymentId) {
    static Workload inference(String deploymentId) {
      return new Workload("inference", deploymentId);
    }

    static Workload deployDelete() {
      return new Workload("deploy-delete", null);
    }
  }

  /** What one load run measured. */
  record Result(String generator, long requests, double seconds, double requestsPerSecond,
      double p50Millis, double p90Millis, double p99Millis, long ok, long otherStatus,
      long errors) {

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("requests", requests);
      m.put("seconds", seconds);
      m.put("requests_per_second", requestsPerSecond);
      m.put("p50_ms", p50Millis);
      m.put("p90_ms", p90Millis);
      m.put("p99_ms", p99Millis);
      m.put("answered_2xx", ok);
      m.put("other_status", otherStatus);
      m.put("errors", errors);
      return m;
    }
  }

  abstract String name();

  abstract Result run(int port, int connections, int seconds, Workload workload, Path workDir)
      throws IOException, InterruptedException;

  /** wrk if installed, else the Java client. */
  static Load pick(boolean forceJava) {
    if (!forceJava) {
      String version = Wrk.version();
      if (version != null) {
        return new Wrk(version);
      }
    }
    return new JavaClient();
  }

  /** {@code wrk -t<min(2,c)> -c<c> -d<s>s --timeout 10s -s load.lua <url> -- <workload> [<id>]}. */
  static final class Wrk extends Load {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(-?[0-9.]+)");
    private final String version;

    Wrk(String version) {
      this.version = version;
    }

    static String version() {
      try {
        Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        int i = out.indexOf("wrk ");
        return i < 0 ? "wrk" : out.substring(i).split("\\s+")[0] + " " + out.substring(i).split("\\s+")[1];
      } catch (IOException | InterruptedException e) {
        return null;
      }
    }

    @Override
    String name() {
      return version;
    }

    @Override
    Result run(int port, int connections, int seconds, Workload workload, Path workDir)
        throws IOException, InterruptedException {
      Path script = workDir.resolve("load.lua");
      if (!Files.exists(script)) {
        try (InputStream in = Load.class.getResourceAsStream("load.lua")) {
          Files.createDirectories(workDir);
          Files.write(script, in.readAllBytes());
        }
      }
      int threads = Math.min(2, connections);
      List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
          "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(),
          "http://127.0.0.1:" + port, "--", workload.name()));
      if (workload.deploymentId() != null) {
        command.add(workload.deploymentId());
      }
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("wrk failed: " + out);
      }
      String line = out.lines().filter(l -> l.startsWith("WRK_RESULT")).findFirst()
          .orElseThrow(() -> new IOException("no WRK_RESULT line in: " + out));
      Map<String, Double> f = new LinkedHashMap<>();
      Matcher m = FIELD.matcher(line);
      while (m.find()) {
        f.put(m.group(1), Double.parseDouble(m.group(2)));
      }
      double secs = f.get("duration_us") / 1e6;
      long requests = f.get("requests").longValue();
      long errors = (long) (f.get("connect_errors") + f.get("read_errors") + f.get("write_errors")
          + f.get("timeouts"));
      return new Result(version, requests, secs, requests / secs, f.get("p50_us") / 1000,
          f.get("p90_us") / 1000, f.get("p99_us") / 1000, f.get("ok").longValue(),
          f.get("other").longValue(), errors);
    }
  }

  /** The same loop in Java: one thread and one keep-alive connection per connection. */
  static final class JavaClient extends Load {
    @Override
    String name() {
      return "java-client";
    }

    @Override
    Result run(int port, int connections, int seconds, Workload workload, Path workDir)
        throws InterruptedException {
      AtomicBoolean stop = new AtomicBoolean();
      List<Worker> workers = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        workers.add(new Worker(port, i, workload, stop));
      }
      long start = System.nanoTime();
      workers.forEach(Thread::start);
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      stop.set(true);
      for (Worker w : workers) {
        w.join();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      int total = workers.stream().mapToInt(w -> w.count).sum();
      long[] all = new long[total];
      int at = 0;
      long ok = 0;
      long other = 0;
      long errors = 0;
      for (Worker w : workers) {
        System.arraycopy(w.latencies, 0, all, at, w.count);
        at += w.count;
        ok += w.ok;
        other += w.other;
        errors += w.errors;
      }
      Arrays.sort(all);
      return new Result(name(), total, secs, total / secs, percentile(all, 50),
          percentile(all, 90), percentile(all, 99), ok, other, errors);
    }

    private static double percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static final class Worker extends Thread {
      private final int port;
      private final int id;
      private final Workload workload;
      private final AtomicBoolean stop;
      long[] latencies = new long[1 << 16];
      int count;
      long ok;
      long other;
      long errors;

      Worker(int port, int id, Workload workload, AtomicBoolean stop) {
        super("load-" + id);
        this.port = port;
        this.id = id;
        this.workload = workload;
        this.stop = stop;
      }

      @Override
      public void run() {
        long n = 0;
        while (!stop.get()) {
          try (MiniHttp http = new MiniHttp(port, 1000)) {
            while (!stop.get()) {
              long t0 = System.nanoTime();
              if (workload.name().equals("inference")) {
                MiniHttp.Reply reply = http.infer(workload.deploymentId(), "req-" + id + "-" + ++n);
                record(System.nanoTime() - t0, reply.status());
                continue;
              }
              MiniHttp.Reply deployed = http.deploy("req-" + id + "-" + ++n);
              record(System.nanoTime() - t0, deployed.status());
              if (deployed.status() == 201 && !stop.get()) {
                t0 = System.nanoTime();
                MiniHttp.Reply removed = http.delete(deployed.deploymentId(), "req-" + id + "-" + ++n);
                record(System.nanoTime() - t0, removed.status());
              }
            }
          } catch (IOException e) {
            errors++;
          }
        }
      }

      private void record(long nanos, int status) {
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = nanos;
        if (status == 200 || status == 201) {
          ok++;
        } else {
          other++;
        }
      }
    }
  }
}
