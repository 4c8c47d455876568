package dev.envelope.bench.harness;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sample backend in its own JVM ({@code java [agent args] -jar envelope-sample-app.jar --port
 * N}), started in a working directory of its own (where the envelope agent writes its events file),
 * with stdout and stderr in files there.
 *
 * <p>Every run, with or without agents, sets {@code -Dsun.net.httpserver.nodelay=true}: without
 * TCP_NODELAY the JDK's HTTP server answers keep-alive requests after a ~40 ms delayed-ACK stall, so
 * a load run would measure that timer instead of the server (and hide any agent's cost).
 */
final class SampleProcess implements AutoCloseable {

  final Process process;
  final int port;
  final Path dir;
  private final long startNanos;

  private SampleProcess(Process process, int port, Path dir, long startNanos) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.startNanos = startNanos;
  }

  static SampleProcess start(Path sampleApp, List<String> jvmArgs, Path dir) throws IOException {
    Files.createDirectories(dir);
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-Dsun.net.httpserver.nodelay=true");
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(sampleApp.toAbsolutePath().toString());
    command.add("--port");
    command.add(Integer.toString(port));
    Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + "\n");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    return new SampleProcess(process, port, dir, start);
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Sends a deploy as soon as the port accepts connections, again until one is answered 201, and
   * returns the time from JVM launch to that answer; the deployment is then deleted again.
   */
  long awaitFirstServedNanos(long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    int attempt = 0;
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("the sample backend exited (" + process.exitValue() + "); see "
            + dir.resolve("stderr.txt"));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the sample backend did not answer within " + timeoutMillis
            + " ms; see " + dir);
      }
      try (MiniHttp http = new MiniHttp(port, 1000)) {
        MiniHttp.Reply reply = http.deploy("req-first-" + attempt++);
        if (reply.status() == 201) {
          long elapsed = System.nanoTime() - startNanos;
          MiniHttp.Reply deleted = http.delete(reply.deploymentId(), "req-first-delete");
          if (deleted.status() != 200) {
            throw new IOException("delete answered " + deleted.status() + ": " + deleted.body());
          }
          return elapsed;
        }
        throw new IOException("the first deploy was answered " + reply.status() + ": "
            + reply.body());
      } catch (ConnectException notYet) {
        Thread.sleep(2);
      }
    }
  }

  /** Deploys half a GPU and returns the new deployment's id (for the inference workload). */
  String deploy() throws IOException {
    try (MiniHttp http = new MiniHttp(port, 1000)) {
      MiniHttp.Reply reply = http.deploy("req-setup");
      if (reply.status() != 201) {
        throw new IOException("deploy answered " + reply.status() + ": " + reply.body());
      }
      return reply.deploymentId();
    }
  }

  /** {@code count} deploy-then-delete cycles on one connection; fails on any unexpected answer. */
  void cycles(int count) throws IOException {
    try (MiniHttp http = new MiniHttp(port, 1000)) {
      for (int i = 0; i < count; i++) {
        MiniHttp.Reply deployed = http.deploy("req-cycle-" + i);
        if (deployed.status() != 201) {
          throw new IOException("deploy answered " + deployed.status() + ": " + deployed.body());
        }
        MiniHttp.Reply deleted = http.delete(deployed.deploymentId(), "req-cycle-delete-" + i);
        if (deleted.status() != 200) {
          throw new IOException("delete answered " + deleted.status() + ": " + deleted.body());
        }
      }
    }
  }

  /** The process's peak resident set size so far ({@code VmHWM}), in KiB; -1 if unknown. */
  long peakRssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or already gone
    }
    return -1;
  }

  /** CPU time the process has used so far (user + system), in milliseconds; -1 if unknown. */
  long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After "pid (comm) ": state is field 3, utime 14 and stime 15 of proc(5), i.e. f[11], f[12].
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Sends SIGTERM and returns the time until the JVM has exited. */
  long stopNanos(long timeoutMillis) throws InterruptedException {
    long start = System.nanoTime();
    process.destroy();
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      return -1;
    }
    return System.nanoTime() - start;
  }

  /** Size and lines of the envelope events written in this process's directory. */
  long[] eventsWritten() throws IOException {
    long bytes = 0;
    long lines = 0;
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.startsWith("envelope-events") && name.contains(".jsonl")) {
          bytes += Files.size(f);
          try (var in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
              for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                  lines++;
                }
              }
            }
          }
        }
      }
    }
    return new long[] {bytes, lines};
  }

  /** Deletes the events files (they can be large after a load run), keeping the logs. */
  void deleteEvents() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().contains(".jsonl")) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** Kills the process if it is still running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
