package dev.envelope.agent.config;

import dev.envelope.agent.capture.CaptureLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads settings from, in order of precedence: the agent argument
 * ({@code -javaagent:envelope-agent.jar=x.y=value,...}), the system property {@code envelope.x.y},
 * the environment variable {@code ENVELOPE_X_Y}. A bad value never stops anything: it is reported
 * in one line and the default is used.
 */
public final class ConfigReader {
  static final String PREFIX = "envelope.";
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
  private static final Set<String> KEYS = new TreeSet<>(java.util.Arrays.asList(
      "enabled", "events.file", "events.stdout", "events.strict", "redact.keys", "capture.max_keys",
      "capture.max_string_length", "capture.max_depth", "capture.max_collection_size", "debug",
      "instrument", "config", "viewer.port", "viewer.bind", "viewer.trace_url", "viewer.capacity"));

  private final Map<String, String> agentArgs;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final Consumer<String> problems;

  public ConfigReader(String agentArgs, Map<String, String> systemProperties,
      Map<String, String> environment, Consumer<String> problems) {
    this.problems = problems;
    this.agentArgs = parseAgentArgs(agentArgs);
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** Settings of this JVM: its agent argument, system properties and environment. */
  public static AgentConfig read(String agentArgs, Consumer<String> problems) {
    Map<String, String> props = new LinkedHashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        props.put(name, System.getProperty(name));
      }
    }
    return new ConfigReader(agentArgs, props, System.getenv(), problems).read();
  }

  public AgentConfig read() {
    reportUnknownKeys();
    AgentConfig d = AgentConfig.defaults();
    boolean enabled = bool("enabled", d.enabled());
    String file = eventsFile(d.eventsFile());
    boolean stdout = bool("events.stdout", d.eventsStdout());
    boolean strict = bool("events.strict", d.eventsStrict());
    if (strict && file == null) {
      problems.accept("events.strict=true has no effect without an events file (events.file=none):"
          + " admissions run whether or not they are recorded");
      strict = false;
    }
    String redact = regex("redact.keys");
    CaptureLimits dl = d.limits();
    CaptureLimits limits = new CaptureLimits(
        limit("capture.max_keys", dl.maxKeys(), CaptureLimits.MOST_KEYS),
        limit("capture.max_string_length", dl.maxStringLength(), CaptureLimits.MOST_STRING_LENGTH),
        limit("capture.max_depth", dl.maxDepth(), CaptureLimits.MOST_DEPTH),
        limit("capture.max_collection_size", dl.maxCollectionSize(),
            CaptureLimits.MOST_COLLECTION_SIZE));
    boolean debug = bool("debug", d.debug());
    return new AgentConfig(enabled, file, stdout, strict, redact, limits, debug, instrumented(),
        viewer());
  }

  private ViewerConfig viewer() {
    int port = viewerPort();
    if (port < 0) {
      for (String key : new String[] {"viewer.bind", "viewer.trace_url", "viewer.capacity"}) {
        String[] raw = raw(key);
        if (raw != null) {
          problems.accept(raw[1] + " has no effect without viewer.port: the viewer is off");
        }
      }
      return ViewerConfig.OFF;
    }
    return new ViewerConfig(port, viewerBind(), traceUrl(),
        limit("viewer.capacity", ViewerConfig.DEFAULT_CAPACITY, ViewerConfig.MOST_CAPACITY));
  }

  /** A port from 0 (any free one) to 65535; -1, the viewer off, when unset or bad. */
  private int viewerPort() {
    String[] raw = raw("viewer.port");
    if (raw == null) {
      return -1;
    }
    String v = raw[0].trim();
    if (WHOLE_NUMBER.matcher(v).matches() && v.length() <= 6) {
      int port = Integer.parseInt(v);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    }
    problems.accept(raw[1] + "='" + raw[0] + "' is not a port from 0 (any free one) to 65535;"
        + " the viewer stays off");
    return -1;
  }

  /**
   * Any address is allowed (resolved when the viewer starts); the viewer warns about one that is
   * not loopback, since its page shows request data to whoever reaches it.
   */
  private String viewerBind() {
    String[] raw = raw("viewer.bind");
    if (raw == null) {
      return ViewerConfig.DEFAULT_BIND;
    }
    String v = raw[0].trim();
    if (v.isEmpty() || v.chars().anyMatch(c -> c <= ' ' || c == '/')) {
      problems.accept(raw[1] + "='" + raw[0] + "' is not a host name or address; using "
          + ViewerConfig.DEFAULT_BIND);
      return ViewerConfig.DEFAULT_BIND;
    }
    return v;
  }

  /**
   * An absolute http or https URL holding {@code {trace_id}}. Anything else is refused: the page
   * turns it into a link, and a {@code javascript:} one must never get there.
   */
  private String traceUrl() {
    String[] raw = raw("viewer.trace_url");
    if (raw == null || raw[0].trim().isEmpty()) {
      return null;
    }
    String v = raw[0].trim();
    String why = null;
    if (!v.contains(ViewerConfig.TRACE_ID)) {
      why = "has no " + ViewerConfig.TRACE_ID;
    } else {
      try {
        URI uri = new URI(v.replace(ViewerConfig.TRACE_ID, "0123456789abcdef0123456789abcdef"));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
          why = "is not an http or https URL with a host";
        }
      } catch (URISyntaxException e) {
        why = "is not a URL (" + e.getReason() + ")";
      }
    }
    if (why != null) {
      problems.accept(raw[1] + "='" + raw[0] + "' " + why + "; the viewer shows no trace links"
          + " (example: http://localhost:16686/trace/" + ViewerConfig.TRACE_ID + ")");
      return null;
    }
    return v;
  }

  /** The raw value and where it came from, or {@code null}. */
  private String[] raw(String key) {
    String v = agentArgs.get(key);
    if (v != null) {
      return new String[] {v, "agent argument " + key};
    }
    v = systemProperties.get(PREFIX + key);
    if (v != null) {
      return new String[] {v, "system property " + PREFIX + key};
    }
    String envName = envName(key);
    v = environment.get(envName);
    if (v != null) {
      return new String[] {v, "environment variable " + envName};
    }
    return null;
  }

  static String envName(String key) {
    return (PREFIX + key).toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private boolean bool(String key, boolean fallback) {
    String[] raw = raw(key);
    if (raw == null) {
      return fallback;
    }
    String v = raw[0].trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    problems.accept(raw[1] + "='" + raw[0] + "' is not true or false; using " + fallback);
    return fallback;
  }

  /** A whole number from 1 to {@code most}; anything else is reported and the default used. */
  private int limit(String key, int fallback, int most) {
    String[] raw = raw(key);
    if (raw == null) {
      return fallback;
    }
    String v = raw[0].trim();
    if (WHOLE_NUMBER.matcher(v).matches()) {
      // Compared as a BigInteger: 99999999999 is too many, not "not a number".
      BigInteger n = new BigInteger(v);
      if (n.signum() > 0 && n.compareTo(BigInteger.valueOf(most)) <= 0) {
        return n.intValue();
      }
      if (n.signum() > 0) {
        problems.accept(raw[1] + "='" + raw[0] + "' is more than " + most
            + ", the most allowed; using " + fallback);
        return fallback;
      }
    }
    problems.accept(raw[1] + "='" + raw[0] + "' is not a positive whole number; using " + fallback);
    return fallback;
  }

  /**
   * {@code none} switches the file off. An empty value does not: it is what an unset variable in
   * a template leaves behind, and silently losing the record of truth is worse than a default file.
   */
  private String eventsFile(String fallback) {
    String[] raw = raw("events.file");
    if (raw == null) {
      return fallback;
    }
    String v = raw[0].trim();
    if (v.equalsIgnoreCase("none")) {
      return null;
    }
    if (v.isEmpty()) {
      problems.accept(raw[1] + "='" + raw[0] + "' is empty; using " + fallback
          + " ('none' switches the file off)");
      return fallback;
    }
    return raw[0];
  }

  private String regex(String key) {
    String[] raw = raw(key);
    if (raw == null || raw[0].trim().isEmpty()) {
      return null;
    }
    try {
      Pattern.compile(raw[0]);
      return raw[0];
    } catch (PatternSyntaxException e) {
      problems.accept(raw[1] + "='" + raw[0] + "' is not a valid regular expression ("
          + e.getDescription() + "); using the default keys only");
      return null;
    }
  }

  private InstrumentedMethods instrumented() {
    List<MethodSpec> specs = new ArrayList<>();
    String[] file = raw("config");
    if (file != null && !file[0].trim().isEmpty()) {
      Path path = Paths.get(file[0].trim());
      try {
        specs.addAll(InstrumentationParser.parse(
            new String(Files.readAllBytes(path), StandardCharsets.UTF_8), path.toString(), problems));
      } catch (IOException | RuntimeException e) {
        problems.accept(file[1] + "='" + file[0] + "' cannot be read (" + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); no methods instrumented from it");
      }
    }
    String[] inline = raw("instrument");
    if (inline != null) {
      specs.addAll(InstrumentationParser.parse(inline[0], inline[1], problems));
    }
    return specs.isEmpty() ? InstrumentedMethods.NONE : new InstrumentedMethods(specs);
  }

  private void reportUnknownKeys() {
    for (String key : agentArgs.keySet()) {
      if (!KEYS.contains(key)) {
        problems.accept("unknown agent argument '" + key + "' ignored; known: " + KEYS);
      }
    }
    for (String name : systemProperties.keySet()) {
      if (name.startsWith(PREFIX) && !KEYS.contains(name.substring(PREFIX.length()))) {
        problems.accept("unknown system property '" + name + "' ignored");
      }
    }
  }

  private Map<String, String> parseAgentArgs(String args) {
    Map<String, String> out = new LinkedHashMap<>();
    if (args == null || args.trim().isEmpty()) {
      return out;
    }
    // Commas inside parentheses belong to an 'instrument' entry, not to the list of arguments.
    for (String part : InstrumentationParser.splitOutsideParentheses(args, ',')) {
      if (part.trim().isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        problems.accept("agent argument '" + part + "' is not key=value; ignored");
        continue;
      }
      String key = part.substring(0, eq).trim();
      if (key.startsWith(PREFIX)) {
        key = key.substring(PREFIX.length());
      }
      out.put(key, part.substring(eq + 1).trim());
    }
    return out;
  }
}
