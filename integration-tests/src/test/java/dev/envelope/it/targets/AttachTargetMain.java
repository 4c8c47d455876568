package dev.envelope.it.targets;

import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Requested;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Runs without the agent: its annotated class is loaded and called before anything attaches. Each
 * line on stdin calls it again; {@code exit} ends it.
 */
public final class AttachTargetMain {
  private AttachTargetMain() {}

  /** Loaded, linked and run before the agent arrives. */
  public static final class Job {
    @ExecutionAdmission(kind = ExecutionKind.PIPELINE_STEP, service = "attach", operation = "run_job")
    public static String run(@Requested("call") String call) {
      return "ran " + call;
    }
  }

  public static void main(String[] args) throws Exception {
    System.out.println(Job.run("before-attach"));
    System.out.println("ready");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
      System.out.println(Job.run(line));
      System.out.println("done " + line);
    }
  }
}
