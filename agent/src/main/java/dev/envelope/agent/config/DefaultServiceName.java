package dev.envelope.agent.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service name used when the user sets none: the jar the JVM was started with
 * ({@code envelope-sample-app}), else the main class's simple name.
 */
public final class DefaultServiceName {
  /** The jar path, which may contain blanks ({@code C:\Program Files\acme\billing.jar --port 1}). */
  private static final Pattern JAR = Pattern.compile("^(.*?\\.jar)(?=\\s|$)");

  private DefaultServiceName() {}

  public static String fromCommand(String javaCommand) {
    if (javaCommand == null || javaCommand.trim().isEmpty()) {
      return "unknown_service:java";
    }
    String command = javaCommand.trim();
    Matcher jar = JAR.matcher(command);
    String first = command.split("\\s+")[0];
    if (jar.find() && (first.endsWith(".jar") || first.contains("/") || first.contains("\\"))) {
      String path = jar.group(1);
      String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
      return file.substring(0, file.length() - 4);
    }
    return first.substring(first.lastIndexOf('.') + 1);
  }
}
