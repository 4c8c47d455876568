package dev.envelope.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.agent.bootstrap.Dispatcher;
import dev.envelope.agent.bootstrap.EnvelopeBridge;
import dev.envelope.agent.capture.CaptureLimits;
import dev.envelope.agent.capture.CaptureStats;
import dev.envelope.agent.capture.Flattener;
import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.lifecycle.EnvelopeDispatcher;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.model.Phase;
import dev.envelope.agent.record.Recorders;
import dev.envelope.agent.record.SpanRecorder;
import dev.envelope.agent.schema.SchemaCheckingRecorder;
import dev.envelope.agent.record.Transition;
import dev.envelope.weaving.targets.Ctx;
import dev.envelope.weaving.targets.Deployment;
import dev.envelope.weaving.targets.LateService;
import dev.envelope.weaving.targets.PreloadedService;
import dev.envelope.weaving.targets.Req;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The real weaving, in this JVM: {@code ByteBuddyAgent.install()} and {@link AgentInstaller}, with
 * the bridge in the application class loader. The targets live outside {@code dev.envelope.agent}
 * (see {@code dev.envelope.weaving.targets}).
 */
@Isolated("installs a class file transformer and the static EnvelopeBridge dispatcher")
class InProcessWeavingTest {
  private static final String LATE = "dev.envelope.weaving.targets.LateService";
  private static final String DEFAULT_API = "dev.envelope.weaving.targets.DefaultApi";
  private static final String PRELOADED = "dev.envelope.weaving.targets.PreloadedService";

  private static Instrumentation instrumentation;
  private static ResettableClassFileTransformer transformer;
  private static List<String> loadedBeforeInstall;
  private static PrintStream originalDiagnostics;
  private static final ByteArrayOutputStream DIAGNOSTICS = new ByteArrayOutputStream();

  private final List<Transition> transitions = Collections.synchronizedList(new ArrayList<>());
  private InMemorySpanExporter spans;
  private OpenTelemetrySdk sdk;
  private Dispatcher previous;

  @BeforeAll
  static void installAgent() throws Exception {
    instrumentation = ByteBuddyAgent.install();
    loadedBeforeInstall = Arrays.stream(instrumentation.getAllLoadedClasses())
        .map(Class::getName)
        .filter(n -> n.equals(LATE) || n.equals(DEFAULT_API) || n.equals(PRELOADED))
        .collect(Collectors.toList());
    Class.forName(PRELOADED, true, InProcessWeavingTest.class.getClassLoader());
    originalDiagnostics = swapDiagnostics(
        new PrintStream(DIAGNOSTICS, true, StandardCharsets.UTF_8));
    transformer = AgentInstaller.install(instrumentation);
  }

  @AfterAll
  static void uninstallAgent() throws Exception {
    try {
      if (transformer != null) {
        transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
      }
    } finally {
      swapDiagnostics(originalDiagnostics);
    }
    // Once reset, the classes run as compiled: the bridge is never called again.
    RecordingDispatcher after = new RecordingDispatcher();
    Dispatcher before = currentDispatcher();
    EnvelopeBridge.install(after);
    try {
      assertThat(new LateService().deployModel(new Ctx("u", "t", "s"), new Req("m", 8)))
          .isEqualTo(new Deployment("d-m", "gpu-node-3"));
      assertThat(new PreloadedService().run("x")).isEqualTo("X");
      assertThat(after.calls).as("calls into the bridge after reset").isEmpty();
    } finally {
      EnvelopeBridge.install(before);
    }
  }

  private static PrintStream swapDiagnostics(PrintStream to) throws Exception {
    Field err = Diagnostics.class.getDeclaredField("err");
    err.setAccessible(true);
    PrintStream was = (PrintStream) err.get(null);
    err.set(null, to);
    return was;
  }

  private static Dispatcher currentDispatcher() throws Exception {
    Field f = EnvelopeBridge.class.getDeclaredField("dispatcher");
    f.setAccessible(true);
    return (Dispatcher) f.get(null);
  }

  private final SchemaCheckingRecorder schema =
      new SchemaCheckingRecorder();

  @BeforeEach
  void installDispatcher() throws Exception {
    previous = currentDispatcher();
    spans = InMemorySpanExporter.create();
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    EnvelopeBridge.install(new EnvelopeDispatcher(sdk.getTracer("weaving-test"),
        new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null), new CaptureStats()),
        new Recorders(List.of(transitions::add, new SpanRecorder(), schema)), Clock.systemUTC()));
  }

  @AfterEach
  void restoreDispatcher() {
    EnvelopeBridge.install(previous);
    schema.assertAllValid();
    sdk.shutdown();
    String said = DIAGNOSTICS.toString(StandardCharsets.UTF_8);
    assertThat(said).doesNotContain("could not weave").doesNotContain("internal error")
        .doesNotContain("not recording");
  }

  private List<Phase> phases() {
    return transitions.stream().map(t -> t.envelope().phase()).collect(Collectors.toList());
  }

  private Envelope last() {
    return transitions.get(transitions.size() - 1).envelope();
  }

  private static Map<String, Object> family(Envelope e, Family f) {
    return e.family(f).asMap();
  }

  @Test
  void theLateTargetsWereLoadedOnlyAfterTheAgentAndNothingFailedToWeave() {
    assertThat(loadedBeforeInstall).as("load-time weaving needs untouched classes").isEmpty();
    new LateService().nothing();
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FINALIZED);
    assertThat(DIAGNOSTICS.toString(StandardCharsets.UTF_8)).doesNotContain("could not weave");
  }

  @Test
  void anInstanceMethodWithANestedGrant() {
    Deployment d = new LateService().deployModel(
        new Ctx("urn:user:alice", "acme", "s3cr3t"), new Req("llama", 4));
    assertThat(d).isEqualTo(new Deployment("d-llama", "gpu-node-3"));

    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.RESOLVED, Phase.FINALIZED);
    assertThat(transitions).extracting(Transition::seq).containsExactly(1, 2, 3);
    Envelope e = last();
    assertThat(family(e, Family.EXECUTION)).containsEntry("kind", "deployment")
        .containsEntry("service", "serving").containsEntry("operation", "deploy_model")
        .containsEntry("handler", LATE + "#deployModel");
    assertThat(family(e, Family.CALLER)).containsEntry("requester_urn", "urn:user:alice")
        .containsEntry("session_token", "[REDACTED]");
    assertThat(family(e, Family.REQUESTED)).containsEntry("model", "llama")
        .containsEntry("gpu_count", 4L);
    assertThat(family(e, Family.GRANTED)).containsExactly(Map.entry("gpu_count", 0.5));
    assertThat(family(e, Family.RESOLUTION)).containsEntry("node", "gpu-node-3")
        .containsEntry("deployment_id", "d-llama");
    assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getName())
        .containsExactly("serving.deploy_model");
  }

  @Test
  void aStaticMethod() {
    assertThat(LateService.compact("ws-7")).isEqualTo(4);
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FINALIZED);
    assertThat(family(last(), Family.SCOPE)).containsExactly(Map.entry("workspace_id", "ws-7"));
    assertThat(family(last(), Family.RESOLUTION)).containsExactly(Map.entry("result", 4L));
    assertThat(family(last(), Family.EXECUTION)).containsEntry("kind", "maintenance");
  }

  @Test
  void aDefaultInterfaceMethod() {
    // Called through the class: a local of the interface type would make the verifier load
    // DefaultApi together with this test class, before the agent is installed.
    assertThat(new LateService().describe("llama")).isEqualTo("described llama");
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FINALIZED);
    assertThat(family(last(), Family.EXECUTION))
        .containsEntry("handler", DEFAULT_API + "#describe")
        .containsEntry("operation", "describe");
    assertThat(family(last(), Family.REQUESTED)).containsExactly(Map.entry("model", "llama"));
  }

  @Test
  void aGenericMethod() {
    String value = "same instance";
    assertThat(new LateService().echo(value)).isSameAs(value);
    assertThat(family(last(), Family.REQUESTED)).containsExactly(Map.entry("value", value));
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FINALIZED);
  }

  @Test
  void aVarargsMethod() {
    assertThat(new LateService().tag("t:", "a", "b", "c")).isEqualTo("t:a,b,c");
    assertThat(family(last(), Family.REQUESTED)).containsExactly(
        Map.entry("prefix", "t:"), Map.entry("tags", List.of("a", "b", "c")));
  }

  @Test
  void primitiveArgumentsAndReturnValues() {
    assertThat(new LateService().scale(3, 0.5, new long[] {1})).isEqualTo(2L);
    assertThat(family(last(), Family.REQUESTED)).containsExactly(
        Map.entry("n", 3L), Map.entry("ratio", 0.5));
    assertThat(family(last(), Family.RESOLUTION)).containsExactly(Map.entry("result", 2L));
  }

  @Test
  void aCompletableFutureFinalizesWhenItCompletes() {
    CompletableFuture<Deployment> pending = new CompletableFuture<>();
    CompletableFuture<Deployment> returned = new LateService().deployAsync(new Req("m", 1), pending);
    assertThat(returned).isSameAs(pending);
    assertThat(phases()).containsExactly(Phase.ADMISSION);
    assertThat(spans.getFinishedSpanItems()).isEmpty();

    pending.complete(new Deployment("d-async", "n-1"));
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FINALIZED);
    assertThat(family(last(), Family.RESOLUTION)).containsEntry("deployment_id", "d-async");
    assertThat(spans.getFinishedSpanItems()).hasSize(1);
  }

  @Test
  void theApplicationsExceptionPassesThroughUnchangedAndFailsTheEnvelope() {
    IllegalStateException own = new IllegalStateException("no capacity");
    assertThatThrownBy(() -> new LateService().fail("x", own)).isSameAs(own);
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
    assertThat(last().failure().errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(last().failure().reason()).isEqualTo("no capacity");

    Exception checked = new java.io.IOException("disk");
    assertThatThrownBy(() -> new LateService().failChecked(checked)).isSameAs(checked);
    assertThat(last().failure().errorType()).isEqualTo("java.io.IOException");
  }

  @Test
  void aClassLoadedBeforeTheAgentIsWovenByRetransformation() {
    assertThat(loadedBeforeInstall).doesNotContain(PRELOADED);
    assertThat(new PreloadedService().run("abc")).isEqualTo("ABC");
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.RESOLVED, Phase.FINALIZED);
    assertThat(family(last(), Family.GRANTED)).containsExactly(Map.entry("slot", "slot-1"));
    assertThat(family(last(), Family.EXECUTION)).containsEntry("handler", PRELOADED + "#run");
  }

  @Test
  void unannotatedMethodsAreNotRecorded() {
    assertThat(new LateService().plain("p")).isEqualTo("p");
    assertThat(transitions).isEmpty();
  }

  @Test
  void theWovenCallSitesPassTheMethodDescriptorArgumentsAndOutcome() {
    RecordingDispatcher recording = new RecordingDispatcher();
    EnvelopeBridge.install(recording);
    Ctx ctx = new Ctx("u", "t", "s");
    Req req = new Req("m", 8);
    Deployment d = new LateService().deployModel(ctx, req);
    assertThat(recording.calls).containsExactly(
        "enter " + LATE + " deployModel(Ldev/envelope/weaving/targets/Ctx;"
            + "Ldev/envelope/weaving/targets/Req;)Ldev/envelope/weaving/targets/Deployment;",
        "grant " + LATE + " place(Ldev/envelope/weaving/targets/Req;)"
            + "Ldev/envelope/weaving/targets/Alloc;",
        "exit");
    assertThat(recording.enterArgs).containsExactly(ctx, req);
    assertThat(recording.exitToken).isSameAs(recording.token);
    assertThat(recording.exitReturned).isSameAs(d);
    assertThat(recording.exitThrown).isNull();

    IllegalStateException own = new IllegalStateException("x");
    assertThatThrownBy(() -> new LateService().fail("w", own)).isSameAs(own);
    assertThat(recording.exitThrown).isSameAs(own);
    assertThat(recording.exitReturned).isNull();
  }

  @Test
  void aDispatcherThatThrowsNeverChangesWhatTheApplicationSees() {
    ThrowingDispatcher throwing = new ThrowingDispatcher();
    EnvelopeBridge.install(throwing);

    Deployment d = new LateService().deployModel(new Ctx("u", "t", "s"), new Req("m", 8));
    assertThat(d).isEqualTo(new Deployment("d-m", "gpu-node-3"));
    assertThat(LateService.compact("abc")).isEqualTo(3);
    assertThat(new PreloadedService().run("q")).isEqualTo("Q");
    CompletableFuture<Deployment> pending = new CompletableFuture<>();
    assertThat(new LateService().deployAsync(new Req("m", 1), pending)).isSameAs(pending);

    IllegalStateException own = new IllegalStateException("the application's own");
    assertThatThrownBy(() -> new LateService().fail("x", own)).isSameAs(own);
    // deployModel: enter, grant, exit; compact: enter; run: enter, grant, exit;
    // deployAsync: enter; fail: enter, exit
    assertThat(throwing.calls.get()).as("the woven code did call the dispatcher").isEqualTo(10);
  }

  @Test
  void withoutADispatcherTheWovenCodeIsANoOp() {
    EnvelopeBridge.install(null);
    assertThat(EnvelopeBridge.isInstalled()).isFalse();
    assertThat(new LateService().deployModel(new Ctx("u", "t", "s"), new Req("m", 8)))
        .isEqualTo(new Deployment("d-m", "gpu-node-3"));
    IllegalStateException own = new IllegalStateException("x");
    assertThatThrownBy(() -> new LateService().fail("x", own)).isSameAs(own);
    assertThat(transitions).isEmpty();
  }

  static final class RecordingDispatcher implements Dispatcher {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Object token = new Object();
    Object[] enterArgs;
    Object exitToken;
    Object exitReturned;
    Throwable exitThrown;

    @Override
    public Object admissionEnter(Class<?> type, String method, Object[] args) {
      calls.add("enter " + type.getName() + " " + method);
      enterArgs = args;
      return token;
    }

    @Override
    public void admissionExit(Object token, Object returned, Throwable thrown) {
      calls.add("exit");
      exitToken = token;
      exitReturned = returned;
      exitThrown = thrown;
    }

    @Override
    public void grantExit(Class<?> type, String method, Object[] args, Object returned,
        Throwable thrown) {
      calls.add("grant " + type.getName() + " " + method);
    }
  }

  /** Fails in every way it can: runtime exceptions, errors, and a token nobody expects. */
  static final class ThrowingDispatcher implements Dispatcher {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Object admissionEnter(Class<?> type, String method, Object[] args) {
      calls.incrementAndGet();
      if (method.startsWith("compact") || method.startsWith("deployAsync")) {
        throw new IllegalStateException("dispatcher enter failed");
      }
      return "an unexpected token";
    }

    @Override
    public void admissionExit(Object token, Object returned, Throwable thrown) {
      calls.incrementAndGet();
      throw new OutOfMemoryError("simulated: dispatcher exit failed");
    }

    @Override
    public void grantExit(Class<?> type, String method, Object[] args, Object returned,
        Throwable thrown) {
      calls.incrementAndGet();
      throw new StackOverflowError("simulated: grant failed");
    }
  }
}
