package dev.envelope.sample.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A route path whose segments are literal or a {@code {name}} variable, e.g. {@code
 * /inference/{deployment_id}}. A variable matches one non-empty segment of unreserved URI
 * characters, matched against the raw path, so an encoded slash can never split or join segments.
 */
final class PathTemplate {

  private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_]+)}");
  private static final Pattern SEGMENT_VALUE = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

  private final String template;
  private final List<String> segments;

  private PathTemplate(String template, List<String> segments) {
    this.template = template;
    this.segments = segments;
  }

  /** Parses {@code template}, which must start with {@code /}. */
  static PathTemplate parse(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("path template must start with '/': " + template);
    }
    return new PathTemplate(template, List.of(template.substring(1).split("/", -1)));
  }

  /** Whether the template has a variable at all; a plain path is matched exactly instead. */
  static boolean hasVariables(String template) {
    return template.contains("{");
  }

  /** The variables of {@code rawPath} by name, or {@code null} when the path does not match. */
  Map<String, String> match(String rawPath) {
    if (!rawPath.startsWith("/")) {
      return null;
    }
    List<String> parts = new ArrayList<>(List.of(rawPath.substring(1).split("/", -1)));
    if (parts.size() != segments.size()) {
      return null;
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      String part = parts.get(i);
      var variable = VARIABLE.matcher(segment);
      if (variable.matches()) {
        if (!SEGMENT_VALUE.matcher(part).matches()) {
          return null;
        }
        variables.put(variable.group(1), part);
      } else if (!segment.equals(part)) {
        return null;
      }
    }
    return variables;
  }

  @Override
  public String toString() {
    return template;
  }
}
