package dev.envelope.agent.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command line in this JVM, as {@code java -jar envelope-agent.jar} would. */
public final class CliRunner {
  public record Result(int code, String out, String err) {}

  private CliRunner() {}

  public static Result run(List<String> args) {
    return run(args, new ByteArrayInputStream(new byte[0]));
  }

  public static Result run(List<String> args, InputStream stdin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, stdin, o, e);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
