package dev.envelope.it.targets;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Calls every target once and prints what each returned or threw. Run with and without the agent,
 * it must print the same lines.
 */
public final class WeavingTargetsMain {
  private WeavingTargetsMain() {}

  public static void main(String[] args) throws Exception {
    Targets.Allocation a = new Targets.InstanceService().deploy(
        new Targets.Ctx("urn:user:carol", "acme"),
        new Targets.Ask("llama", new Targets.Resources(4, 16.5)));
    System.out.println("instance_op -> " + a);
    System.out.println("static_op -> " + Targets.StaticService.handle(21));
    System.out.println("default_operation_name -> " + Targets.StaticService.defaultOperationName(9));
    System.out.println("default_op -> " + new Targets.DefaultImpl().act("db-7"));
    Targets.GenericService<String> generic = new Targets.GenericService<>();
    System.out.println("generic_op -> " + generic.max("pear", "apple"));
    System.out.println("generic_class_op -> " + generic.length("hello"));
    System.out.println("varargs_op -> " + new Targets.VarargsService().count("a", "b", "c"));
    Targets.Handler<Targets.Ask> handler = new Targets.AskHandler();
    System.out.println("bridged_op -> " + handler.handle(
        new Targets.Ask("mistral", new Targets.Resources(1, 8))));
    Targets.AsyncService async = new Targets.AsyncService();
    System.out.println("async_ok -> " + async.start(3).get(10, TimeUnit.SECONDS));
    try {
      async.startFailing(5).join();
      System.out.println("async_fail -> no exception");
    } catch (CompletionException e) {
      System.out.println("async_fail -> " + e.getCause());
    }
    async.finish();
    try {
      List<String> never = new Targets.ThrowingService().fail("because");
      System.out.println("throwing_op -> returned " + never);
    } catch (IllegalArgumentException e) {
      System.out.println("throwing_op -> " + (e == Targets.ThrowingService.ERROR ? "same" : "other")
          + " exception: " + e.getMessage());
    }
  }
}
