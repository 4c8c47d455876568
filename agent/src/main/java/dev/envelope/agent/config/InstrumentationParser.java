package dev.envelope.agent.config;

import dev.envelope.agent.model.ExtensionNamespace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration-only instrumentation: entries separated by {@code ;} or new lines, each
 * {@code com.acme.Serving#deploy[/N](settings)}, where {@code /N} selects the overload with N
 * parameters and the settings are comma-separated:
 *
 * <ul>
 *   <li>an admission: {@code kind=deployment, service=serving[, operation=deploy_model][,
 *       result=a|b->c]};
 *   <li>a grant: {@code grant[, resolution=node|backend]};
 *   <li>either: {@code caller|requested|scope|governance|granted=<index>[:<key>]} (repeatable),
 *       {@code extension.<namespace>=<index>}, {@code sensitive=<index>[|<index>...]}.
 * </ul>
 *
 * <p>Lines starting with {@code #} are comments. A bad entry is reported in one line and skipped;
 * the others still apply.
 */
public final class InstrumentationParser {
  private static final Pattern ENTRY = Pattern.compile(
      "^([\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*)"
          + "#([\\p{L}_$][\\p{L}\\p{N}_$]*)(?:/(\\d+))?\\s*\\((.*)\\)$");
  private static final Set<String> KINDS = new TreeSet<>(Arrays.asList("deployment", "inference",
      "pipeline_step", "evaluation", "data_movement", "agent_action", "maintenance", "other"));
  private static final Set<String> FAMILIES = new TreeSet<>(Arrays.asList(
      "caller", "requested", "scope", "governance", "granted"));

  private InstrumentationParser() {}

  /**
   * @param source where the text came from, for error lines (e.g. {@code envelope.instrument})
   */
  public static List<MethodSpec> parse(String text, String source, Consumer<String> problems) {
    List<MethodSpec> specs = new ArrayList<>();
    if (text == null) {
      return specs;
    }
    for (String line : text.split("\\R")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      for (String entry : splitOutsideParentheses(trimmed, ';')) {
        if (entry.trim().isEmpty()) {
          continue;
        }
        try {
          specs.add(entry(entry.trim()));
        } catch (IllegalArgumentException e) {
          problems.accept(source + " entry '" + entry.trim() + "': " + e.getMessage() + "; ignored");
        }
      }
    }
    return specs;
  }

  private static MethodSpec entry(String entry) {
    Matcher m = ENTRY.matcher(entry);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected com.acme.Class#method(settings) or com.acme.Class#method/N(settings)");
    }
    String className = m.group(1);
    String methodName = m.group(2);
    int count = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
    boolean grant = false;
    String kind = null;
    String service = null;
    String operation = null;
    List<String> result = new ArrayList<>();
    List<String> resolution = new ArrayList<>();
    List<MethodSpec.Argument> arguments = new ArrayList<>();
    List<Integer> sensitive = new ArrayList<>();
    for (String setting : splitOutsideParentheses(m.group(4), ',')) {
      String s = setting.trim();
      if (s.isEmpty()) {
        continue;
      }
      int eq = s.indexOf('=');
      String key = (eq < 0 ? s : s.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : s.substring(eq + 1).trim();
      if (key.equals("grant") || key.equals("admission")) {
        if (value != null) {
          throw new IllegalArgumentException("'" + key + "' takes no value");
        }
        grant = key.equals("grant");
        continue;
      }
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("setting '" + key + "' needs a value");
      }
      switch (key) {
        case "kind":
          kind = value.toLowerCase(Locale.ROOT);
          if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown kind '" + value + "' (one of " + KINDS + ")");
          }
          break;
        case "service":
          service = value;
          break;
        case "operation":
          operation = value;
          break;
        case "result":
          result.addAll(list(value));
          break;
        case "resolution":
          resolution.addAll(list(value));
          break;
        case "sensitive":
          for (String index : list(value)) {
            sensitive.add(index(index, count, key));
          }
          break;
        default:
          arguments.add(argument(key, value, count));
      }
    }
    MethodSpec.Role role;
    if (grant) {
      if (kind != null || service != null || operation != null || !result.isEmpty()) {
        throw new IllegalArgumentException("a grant takes no kind, service, operation or result");
      }
      role = MethodSpec.Role.GRANT;
    } else {
      if (kind == null || service == null) {
        throw new IllegalArgumentException(
            "an admission needs kind= and service= (or mark a grant with 'grant')");
      }
      if (!resolution.isEmpty()) {
        throw new IllegalArgumentException("resolution= is for grants; an admission uses result=");
      }
      role = MethodSpec.Role.ADMISSION;
    }
    return new MethodSpec(className, methodName, count, role, kind, service, operation, result,
        resolution, arguments, sensitive);
  }

  private static MethodSpec.Argument argument(String key, String value, int count) {
    if (!key.startsWith("extension.") && !FAMILIES.contains(key)) {
      throw new IllegalArgumentException("unknown setting '" + key + "' (known: kind, service, "
          + "operation, result, grant, resolution, sensitive, extension.<namespace>, " + FAMILIES + ")");
    }
    String indexPart = value;
    String name = "";
    int colon = value.indexOf(':');
    if (colon >= 0) {
      indexPart = value.substring(0, colon).trim();
      name = value.substring(colon + 1).trim();
    }
    int index = index(indexPart, count, key);
    if (key.startsWith("extension.")) {
      String namespace = key.substring("extension.".length());
      ExtensionNamespace.check(namespace);
      return new MethodSpec.Argument(index, null, namespace, name);
    }
    return new MethodSpec.Argument(index, key, null, name);
  }

  private static int index(String text, int count, String key) {
    int index;
    try {
      index = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + text + ": '" + text
          + "' is not an argument position (0 is the first)");
    }
    if (index < 0 || (count >= 0 && index >= count)) {
      throw new IllegalArgumentException(key + "=" + text + ": the method has "
          + (count >= 0 ? count : "no such") + " parameters");
    }
    return index;
  }

  private static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split("\\|")) {
      if (!part.trim().isEmpty()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  /** Splits at {@code separator}, except inside parentheses. */
  static List<String> splitOutsideParentheses(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == separator && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
