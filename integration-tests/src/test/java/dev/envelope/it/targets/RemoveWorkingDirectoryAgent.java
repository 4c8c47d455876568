package dev.envelope.it.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A {@code -javaagent} placed before the envelope agent: it removes the JVM's (empty) working
 * directory, as a deploy script cleaning up under a starting service would. The JVM cannot start
 * without a working directory, so this is the earliest the directory can go missing.
 */
public final class RemoveWorkingDirectoryAgent {
  private RemoveWorkingDirectoryAgent() {}

  public static void premain(String args) throws IOException {
    Files.delete(Paths.get(System.getProperty("user.dir")));
  }
}
