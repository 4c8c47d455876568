package dev.envelope.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real JVM started for a test, with or without the agent, its output captured to files. */
public final class ForkedJvm implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final Path stdout;
  private final Path stderr;

  private ForkedJvm(Process process, Path dir, Path stdout, Path stderr) {
    this.process = process;
    this.dir = dir;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static Builder builder(Path workingDir) {
    return new Builder(workingDir);
  }

  /** The agent jar under test. */
  public static Path agentJar() {
    return existing("envelope.it.agentJar");
  }

  public static Path sampleJar() {
    return existing("envelope.it.sampleJar");
  }

  /** The class path of the test itself: the fixtures and their libraries, never the agent. */
  public static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    String all = cp != null ? cp : System.getProperty("java.class.path");
    // The browser driver of ViewerIT and what it brings (an OpenTelemetry SDK) are the test's
    // tools, not the fixtures': the fixture applications run without them.
    StringBuilder fixtures = new StringBuilder();
    for (String entry : all.split(java.io.File.pathSeparator)) {
      String path = entry.replace('\\', '/');
      if (path.contains("/org/seleniumhq/") || path.contains("/io/opentelemetry/opentelemetry-")) {
        continue;
      }
      fixtures.append(fixtures.length() == 0 ? "" : java.io.File.pathSeparator).append(entry);
    }
    return fixtures.toString();
  }

  private static Path existing(String property) {
    Path p = Paths.get(System.getProperty(property, "")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(property + " points at " + p
          + ", which does not exist: run 'mvn verify' (it packages the jars first)");
    }
    return p;
  }

  /** A fresh directory under the module's target/it-work. */
  public static Path newWorkDir(String name) throws IOException {
    Path root = Paths.get(System.getProperty("envelope.it.workDir", "target/it-work"));
    Files.createDirectories(root);
    return Files.createTempDirectory(root.toAbsolutePath(), name + "-");
  }

  public Path dir() {
    return dir;
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  public String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** Waits for a stdout line matching {@code regex}; returns its first group (or the line). */
  public String awaitStdout(String regex, Duration timeout) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : stdout().split("\n")) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m.groupCount() > 0 ? m.group(1) : line;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("process exited (" + process.exitValue() + ") before printing /"
            + regex + "/\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no /" + regex + "/ within " + timeout + "\nstdout:\n" + stdout()
        + "\nstderr:\n" + stderr());
  }

  /** Waits for the process to end by itself; returns its exit code. */
  public int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not exit within " + timeout + "\nstdout:\n" + stdout()
          + "\nstderr:\n" + stderr());
    }
    return process.exitValue();
  }

  /** SIGTERM, as an operator stops a service, then waits for the shutdown hooks. */
  public int stop(Duration timeout) throws Exception {
    process.destroy();
    return awaitExit(timeout);
  }

  /** Lines the agent printed on stderr. */
  public List<String> agentDiagnostics() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : stderr().split("\n")) {
      if (line.startsWith("[envelope-agent]")) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /** Assembles the command line. */
  public static final class Builder {
    private final Path dir;
    private String javaHome = System.getProperty("java.home");
    private final List<String> firstJvmArgs = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String agentArgs;
    private boolean withAgent;
    private Path agentJar;
    private String jar;
    private String classPath;
    private String mainClass;
    private Path workingDir;

    private Builder(Path dir) {
      this.dir = dir;
      this.workingDir = dir;
    }

    /** Where the JVM runs, when not in the directory that holds its captured output. */
    public Builder workingDir(Path cwd) {
      this.workingDir = cwd;
      return this;
    }

    /** A JVM argument ahead of the agent's, e.g. another {@code -javaagent} whose premain runs first. */
    public Builder firstJvmArg(String arg) {
      firstJvmArgs.add(arg);
      return this;
    }

    public Builder javaHome(String home) {
      this.javaHome = home;
      return this;
    }

    public Builder withAgent(String args) {
      this.withAgent = true;
      this.agentArgs = args;
      return this;
    }

    public Builder withAgent() {
      return withAgent(null);
    }

    /** Another build of the agent, e.g. {@code envelope-agent-grpc.jar}. */
    public Builder withAgentJar(Path jar) {
      this.withAgent = true;
      this.agentJar = jar;
      return this;
    }

    public Builder agent(boolean on) {
      this.withAgent = on;
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder jar(Path jarFile) {
      this.jar = jarFile.toString();
      return this;
    }

    public Builder mainClass(String classPath, String mainClass) {
      this.classPath = classPath;
      this.mainClass = mainClass;
      return this;
    }

    public Builder args(String... args) {
      programArgs.addAll(List.of(args));
      return this;
    }

    public ForkedJvm start() throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Paths.get(javaHome, "bin", "java").toString());
      cmd.addAll(firstJvmArgs);
      if (withAgent) {
        cmd.add("-javaagent:" + (agentJar != null ? agentJar : agentJar())
            + (agentArgs == null ? "" : "=" + agentArgs));
      }
      cmd.add("-Xmx256m");
      cmd.addAll(jvmArgs);
      if (jar != null) {
        cmd.add("-jar");
        cmd.add(jar);
      } else {
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
      }
      cmd.addAll(programArgs);
      Path out = dir.resolve("stdout.txt");
      Path err = dir.resolve("stderr.txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      // A user's OTEL_* or ENVELOPE_* in the build environment must not change what the tests see.
      pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("ENVELOPE_")
          || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
      pb.environment().putAll(env);
      Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd));
      return new ForkedJvm(pb.start(), dir, out, err);
    }
  }
}
