package dev.envelope.it.targets;

import dev.envelope.annotations.CurrentEnvelope;
import dev.envelope.annotations.Envelopes;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Requested;
import java.util.LinkedHashMap;
import java.util.Map;

/** Uses the programmatic API inside and outside an admission; prints what it saw. */
public final class ApiMain {
  private ApiMain() {}

  /** A service that reads its own envelope and adds engine details under a namespace. */
  public static final class Serving {
    @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "serving", operation = "deploy_model")
    public String deploy(@Requested("gpu_count") int gpus) {
      CurrentEnvelope before = Envelopes.current();
      System.out.println("inside: present=" + before.isPresent() + " phase=" + before.phase()
          + " requested=" + before.requested() + " id=" + before.id());
      place(gpus);
      System.out.println("after grant: phase=" + Envelopes.current().phase()
          + " granted=" + Envelopes.current().granted());
      Map<String, Object> engine = new LinkedHashMap<>();
      engine.put("max_model_len", 8192);
      engine.put("tensorParallel", 2);
      engine.put("api_key", "sk-not-for-the-record");
      System.out.println("added: " + Envelopes.addExtension("serving.vllm", engine));
      try {
        Envelopes.addExtension("requested", "gpu_count", 99);
      } catch (IllegalArgumentException e) {
        System.out.println("rejected: " + e.getMessage());
      }
      try {
        Envelopes.addExtension("Serving VLLM", "x", 1);
      } catch (IllegalArgumentException e) {
        System.out.println("rejected: " + e.getMessage());
      }
      System.out.println("extensions: " + Envelopes.current().extensions().keySet());
      return "deployed";
    }

    @Grant
    double place(int gpus) {
      return gpus / 2.0;
    }
  }

  public static void main(String[] args) {
    CurrentEnvelope outside = Envelopes.current();
    System.out.println("outside: present=" + outside.isPresent() + " id=" + outside.id()
        + " requested=" + outside.requested());
    System.out.println("outside add: " + Envelopes.addExtension("serving.vllm", "x", 1));
    System.out.println(new Serving().deploy(4));
  }
}
