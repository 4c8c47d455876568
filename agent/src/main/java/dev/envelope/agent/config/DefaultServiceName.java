package dev.envelope.agent.config;

/**
 * The service name used when the user sets none: the jar the JVM was started with
 * ({@code envelope-sample-app}), else the main class's simple name.
 */
public final class DefaultServiceName {
  private DefaultServiceName() {}

  public static String fromCommand(String javaCommand) {
    if (javaCommand == null || javaCommand.trim().isEmpty()) {
      return "unknown_service:java";
    }
    String first = javaCommand.trim().split("\\s+")[0];
    if (first.endsWith(".jar")) {
      String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
      return file.substring(0, file.length() - 4);
    }
    return first.substring(first.lastIndexOf('.') + 1);
  }
}
