package dev.envelope.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.envelope.agent.capture.CaptureLimits;
import dev.envelope.agent.capture.CaptureStats;
import dev.envelope.agent.capture.Flattener;
import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.FailureStage;
import dev.envelope.agent.model.Phase;
import dev.envelope.agent.record.Recorder;
import dev.envelope.agent.record.Recorders;
import dev.envelope.agent.record.SpanRecorder;
import dev.envelope.agent.schema.SchemaCheckingRecorder;
import dev.envelope.agent.record.Transition;
import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Extension;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Granted;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.annotations.Sensitive;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle behind the woven code, driven directly: no weaving, no bridge. */
class EnvelopeDispatcherTest {
  private static final String T = "Ldev/envelope/agent/lifecycle/EnvelopeDispatcherTest$";
  static final String DEPLOY = "deployModel(" + T + "Ctx;" + T + "Req;"
      + "Ljava/lang/String;Ljava/lang/String;Ljava/util/Map;)Ljava/lang/Object;";
  static final String PLACE = "place(" + T + "Req;)" + T + "Allocation;";
  static final String RESERVE = "reserve(Ljava/lang/String;)V";
  static final String GRANT_MAP = "grantMap(I)Ljava/util/Map;";
  static final String STEP = "step(Ljava/lang/String;)Ljava/lang/Object;";
  static final String INFER = "infer(Ljava/lang/String;)Ljava/util/concurrent/CompletionStage;";
  static final String LOGIN = "login(Ljava/lang/String;Ljava/lang/String;[C)Ljava/lang/Object;";
  static final String ISSUE = "issue(Ljava/lang/String;Ljava/lang/String;)V";

  record Ctx(String requesterUrn, String tenantId, String requestId, String sessionToken) {}

  record Req(String model, String engine, int gpuCount) {}

  record Allocation(double gpuCount, String engine, String node) {}

  record Deployment(String deploymentId, String node, String servePath) {}

  @SuppressWarnings("unused")
  static final class Serving {
    @ExecutionAdmission(kind = ExecutionKind.DEPLOYMENT, service = "serving",
        result = {"deploymentId", "node"})
    Object deployModel(@Caller Ctx ctx, @Requested Req req, @Scope("workspace_id") String ws,
        @Governance("audit_level") String audit, @Extension("serving.vllm") Map<String, Object> ext) {
      return null;
    }

    @Grant(resolution = {"node"})
    Allocation place(Req req) {
      return null;
    }

    @Grant
    void reserve(@Granted String slot) {}

    @Grant(resolution = {"node"})
    Map<String, Object> grantMap(int i) {
      return null;
    }

    @ExecutionAdmission(kind = ExecutionKind.PIPELINE_STEP, service = "pipeline")
    Object step(@Requested("step") String step) {
      return null;
    }

    @ExecutionAdmission(kind = ExecutionKind.INFERENCE, service = "serving")
    CompletionStage<Object> infer(@Requested("prompt") String prompt) {
      return null;
    }

    @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "auth")
    Object login(@Caller("user") String user, @Caller("api_key") String apiKey,
        @Requested("pin") @Sensitive char[] pin) {
      return null;
    }

    @Grant
    void issue(@Granted("session_token") String session, @Granted("owner") String owner) {}
  }

  /** A clock that moves one millisecond at every reading: ordered, distinct, deterministic. */
  static final class StepClock extends Clock {
    private Instant next = Instant.parse("2026-11-27T20:11:52Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      Instant now = next;
      next = next.plusMillis(1);
      return now;
    }
  }

  private final List<Transition> transitions = Collections.synchronizedList(new ArrayList<>());
  private InMemorySpanExporter spans;
  private OpenTelemetrySdk sdk;
  private EnvelopeDispatcher dispatcher;
  private final SchemaCheckingRecorder schema =
      new SchemaCheckingRecorder();

  @BeforeEach
  void setUp() {
    spans = InMemorySpanExporter.create();
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    dispatcher = dispatcher(new Recorders(List.of(transitions::add, new SpanRecorder(), schema)));
  }

  @AfterEach
  void everyEmittedEnvelopeIsSchemaValid() {
    schema.assertAllValid();
  }

  private EnvelopeDispatcher dispatcher(Recorder recorder) {
    return new EnvelopeDispatcher(sdk.getTracer("test"),
        new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null), new CaptureStats()),
        recorder, new StepClock());
  }

  @AfterEach
  void tearDown() {
    assertThat(EnvelopeContext.current()).as("no envelope leaks out of a test").isNull();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    sdk.shutdown();
  }

  private static Object[] deployArgs() {
    return new Object[] {new Ctx("urn:user:alice", "acme", "req-42", "s3cr3t"),
        new Req("llama-3", "vllm", 4), "ws-7", "full", Map.of("maxModelLen", 8192)};
  }

  private Object admitDeploy() {
    return dispatcher.admissionEnter(Serving.class, DEPLOY, deployArgs());
  }

  private void grant(Allocation allocation, Throwable thrown) {
    dispatcher.grantExit(Serving.class, PLACE, new Object[] {new Req("llama-3", "vllm", 4)},
        allocation, thrown);
  }

  private List<Phase> phases() {
    return transitions.stream().map(t -> t.envelope().phase()).collect(Collectors.toList());
  }

  private Transition last() {
    return transitions.get(transitions.size() - 1);
  }

  private SpanData onlySpan() {
    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(1);
    return finished.get(0);
  }

  private static List<String> eventNames(SpanData span) {
    return span.getEvents().stream().map(EventData::getName).collect(Collectors.toList());
  }

  @Test
  void admissionGrantAndReturnMakeThreeEventsOnOneSpan() {
    Object token = admitDeploy();
    String baggageId;
    String currentId;
    try {
      assertThat(token).isNotNull();
      // The id joins baggage as a request leaves, not while the admission runs.
      assertThat(Baggage.current().getEntryValue(EnvelopeContext.BAGGAGE_KEY)).isNull();
      baggageId = Baggage.fromContext(HttpPropagation.withEnvelopeId(Context.current(),
          EnvelopeContext.current())).getEntryValue(EnvelopeContext.BAGGAGE_KEY);
      currentId = EnvelopeContext.current().id();
      grant(new Allocation(0.5, "vllm-0.6", "gpu-node-3"), null);
    } finally {
      dispatcher.admissionExit(token, new Deployment("d-1", "gpu-node-3", "/serve/d-1"), null);
    }
    assertThat(Baggage.current().getEntryValue(EnvelopeContext.BAGGAGE_KEY)).isNull();

    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.RESOLVED, Phase.FINALIZED);
    assertThat(transitions).extracting(Transition::seq).containsExactly(1, 2, 3);
    String id = transitions.get(0).envelope().id();
    assertThat(transitions).allSatisfy(t -> assertThat(t.envelope().id()).isEqualTo(id));
    assertThat(baggageId).isEqualTo(id);
    assertThat(currentId).isEqualTo(id);

    Envelope done = last().envelope();
    assertThat(done.admission().requested().get("gpu_count")).isEqualTo(4L);
    assertThat(done.granted().asMap()).containsExactly(
        Map.entry("gpu_count", 0.5), Map.entry("engine", "vllm-0.6"));
    assertThat(done.resolution().asMap()).containsExactly(
        Map.entry("node", "gpu-node-3"), Map.entry("deployment_id", "d-1"));
    assertThat(done.admission().caller().asMap()).containsEntry("requester_urn", "urn:user:alice")
        .containsEntry("session_token", "[REDACTED]");
    assertThat(done.redacted()).containsExactly("caller.session_token");
    assertThat(done.extensions().get("serving.vllm").get("max_model_len")).isEqualTo(8192L);
    assertThat(done.admission().execution().get("handler")).isEqualTo(Serving.class.getName() + "#deployModel");
    assertThat(done.admittedAt()).isBefore(done.resolvedAt());
    assertThat(done.resolvedAt()).isBefore(done.endedAt());
    assertThat(transitions.get(1).addedGranted().asMap()).containsOnlyKeys("gpu_count", "engine");
    assertThat(transitions.get(2).addedResolution().asMap())
        .containsOnlyKeys("deployment_id", "node");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("serving.deploy_model");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getTraceId()).isEqualTo(done.traceId());
    assertThat(span.getSpanId()).isEqualTo(done.spanId());
    assertThat(transitions).allSatisfy(t -> {
      assertThat(t.envelope().traceId()).isEqualTo(span.getTraceId());
      assertThat(t.envelope().spanId()).isEqualTo(span.getSpanId());
    });
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    var attributes = span.getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("envelope.id"))).isEqualTo(id);
    assertThat(attributes.get(AttributeKey.stringKey("envelope.phase"))).isEqualTo("finalized");
    assertThat(attributes.get(AttributeKey.longKey("envelope.requested.gpu_count"))).isEqualTo(4L);
    assertThat(attributes.get(AttributeKey.doubleKey("envelope.granted.gpu_count"))).isEqualTo(0.5);
    assertThat(attributes.get(AttributeKey.stringKey("envelope.resolution.deployment_id")))
        .isEqualTo("d-1");
    assertThat(attributes.get(AttributeKey.stringKey("envelope.caller.requester_urn")))
        .isEqualTo("urn:user:alice");
    assertThat(attributes.get(AttributeKey.stringKey("envelope.caller.session_token")))
        .isEqualTo("[REDACTED]");
    assertThat(attributes.get(AttributeKey.stringKey("envelope.execution.operation")))
        .isEqualTo("deploy_model");
    assertThat(attributes.get(AttributeKey.stringKey("envelope.scope.workspace_id")))
        .isEqualTo("ws-7");
    assertThat(attributes.get(AttributeKey.stringKey("envelope.governance.audit_level")))
        .isEqualTo("full");
    assertThat(attributes.get(AttributeKey.longKey("envelope.ext.serving.vllm.max_model_len")))
        .isEqualTo(8192L);
    assertThat(attributes.get(AttributeKey.stringKey("envelope.parent_id"))).isNull();
    assertThat(attributes.asMap().keySet()).noneMatch(k -> k.getKey().contains("s3cr3t"));
    assertThat(attributes.asMap().values()).noneMatch(v -> String.valueOf(v).contains("s3cr3t"));

    assertThat(eventNames(span))
        .containsExactly("envelope.admitted", "envelope.resolved", "envelope.finalized");
    List<Long> seqs = span.getEvents().stream()
        .map(e -> e.getAttributes().get(AttributeKey.longKey("envelope.seq")))
        .collect(Collectors.toList());
    assertThat(seqs).containsExactly(1L, 2L, 3L);
    EventData resolved = span.getEvents().get(1);
    assertThat(resolved.getAttributes().get(AttributeKey.doubleKey("envelope.granted.gpu_count")))
        .isEqualTo(0.5);
    assertThat(resolved.getAttributes().get(AttributeKey.longKey("envelope.requested.gpu_count")))
        .as("a span event carries what that phase added").isNull();
    EventData admitted = span.getEvents().get(0);
    assertThat(admitted.getAttributes().get(AttributeKey.longKey("envelope.requested.gpu_count")))
        .isEqualTo(4L);
  }

  @Test
  void anExceptionFromTheAdmissionMethodFailsAtStageAdmission() {
    IllegalArgumentException error = new IllegalArgumentException("gpu_count must be positive");
    Object token = admitDeploy();
    dispatcher.admissionExit(token, null, error);

    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
    Transition failed = last();
    assertThat(failed.seq()).isEqualTo(2);
    assertThat(failed.error()).isSameAs(error);
    assertThat(failed.envelope().failure().stage()).isEqualTo(FailureStage.ADMISSION);
    assertThat(failed.envelope().failure().errorType())
        .isEqualTo("java.lang.IllegalArgumentException");
    assertThat(failed.envelope().failure().reason()).isEqualTo("gpu_count must be positive");
    assertThat(failed.envelope().granted().isEmpty()).isTrue();

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(eventNames(span))
        .containsExactly("envelope.admitted", "envelope.failed", "exception");
    EventData exception = span.getEvents().get(2);
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo("java.lang.IllegalArgumentException");
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("gpu_count must be positive");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("envelope.phase")))
        .isEqualTo("failed");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("envelope.failure.stage")))
        .isEqualTo("admission");
    assertThat(span.getEvents().get(1).getAttributes()
        .get(AttributeKey.longKey("envelope.seq"))).isEqualTo(2L);
  }

  @Test
  void anExceptionThrownByAGrantFailsAtStageResolution() {
    IllegalStateException noCapacity = new IllegalStateException("no node fits");
    Object token = admitDeploy();
    try {
      grant(null, noCapacity);
    } finally {
      dispatcher.admissionExit(token, null, noCapacity);
    }
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
    assertThat(last().envelope().failure().stage()).isEqualTo(FailureStage.RESOLUTION);
    assertThat(last().envelope().granted().isEmpty()).isTrue();
    assertThat(onlySpan().getAttributes().get(AttributeKey.stringKey("envelope.failure.stage")))
        .isEqualTo("resolution");
  }

  @Test
  void aGrantExceptionWrappedByTheApplicationIsStillResolution() {
    IllegalStateException noCapacity = new IllegalStateException("no node fits");
    Object token = admitDeploy();
    try {
      grant(null, noCapacity);
    } finally {
      dispatcher.admissionExit(token, null, new RuntimeException("placement failed", noCapacity));
    }
    assertThat(last().envelope().failure().stage()).isEqualTo(FailureStage.RESOLUTION);
    assertThat(last().envelope().failure().errorType()).isEqualTo("java.lang.RuntimeException");
  }

  @Test
  void anExceptionAfterASuccessfulGrantFailsAtStageFinalization() {
    Object token = admitDeploy();
    try {
      grant(new Allocation(0.5, "vllm-0.6", "gpu-node-3"), null);
    } finally {
      dispatcher.admissionExit(token, null, new IOException("could not start the server"));
    }
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.RESOLVED, Phase.FAILED);
    Envelope failed = last().envelope();
    assertThat(failed.failure().stage()).isEqualTo(FailureStage.FINALIZATION);
    assertThat(failed.failure().errorType()).isEqualTo("java.io.IOException");
    assertThat(failed.granted().get("gpu_count")).isEqualTo(0.5);
    assertThat(failed.resolution().asMap()).containsExactly(Map.entry("node", "gpu-node-3"));
    assertThat(transitions).extracting(Transition::seq).containsExactly(1, 2, 3);
  }

  @Test
  void aVoidGrantRecordsItsGrantedParameters() {
    Object token = admitDeploy();
    try {
      dispatcher.grantExit(Serving.class, RESERVE, new Object[] {"slot-9"}, null, null);
    } finally {
      dispatcher.admissionExit(token, null, null);
    }
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.RESOLVED, Phase.FINALIZED);
    assertThat(last().envelope().granted().asMap()).containsExactly(Map.entry("slot", "slot-9"));
  }

  @Test
  void aNestedAdmissionGetsItsOwnEnvelopeWithTheParentIdAndAChildSpan() {
    Object outer = admitDeploy();
    String outerId = EnvelopeContext.current().id();
    Object inner = null;
    String afterInner;
    try {
      inner = dispatcher.admissionEnter(Serving.class, STEP, new Object[] {"download"});
      assertThat(EnvelopeContext.current().id()).isNotEqualTo(outerId);
      assertThat(Baggage.fromContext(HttpPropagation.withEnvelopeId(Context.current(),
          EnvelopeContext.current())).getEntryValue("envelope.id"))
          .isEqualTo(EnvelopeContext.current().id());
      dispatcher.admissionExit(inner, "ok", null);
      afterInner = EnvelopeContext.current().id();
      grant(new Allocation(1.0, "vllm", "n-1"), null);
    } finally {
      dispatcher.admissionExit(outer, null, null);
    }
    assertThat(afterInner).isEqualTo(outerId);

    List<Transition> ofOuter = transitions.stream()
        .filter(t -> t.envelope().id().equals(outerId)).collect(Collectors.toList());
    List<Transition> ofInner = transitions.stream()
        .filter(t -> !t.envelope().id().equals(outerId)).collect(Collectors.toList());
    assertThat(ofOuter).extracting(t -> t.envelope().phase())
        .containsExactly(Phase.ADMISSION, Phase.RESOLVED, Phase.FINALIZED);
    assertThat(ofOuter).extracting(Transition::seq).containsExactly(1, 2, 3);
    assertThat(ofInner).extracting(t -> t.envelope().phase())
        .containsExactly(Phase.ADMISSION, Phase.FINALIZED);
    assertThat(ofInner).extracting(Transition::seq).containsExactly(1, 2);
    Envelope child = ofInner.get(1).envelope();
    assertThat(child.admission().parentEnvelopeId()).isEqualTo(outerId);
    assertThat(child.admission().execution().get("operation")).isEqualTo("step");
    assertThat(child.resolution().asMap()).containsExactly(Map.entry("result", "ok"));
    assertThat(child.granted().isEmpty()).as("the outer grant went to the outer envelope").isTrue();
    assertThat(ofOuter.get(2).envelope().admission().parentEnvelopeId()).isNull();

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(2);
    SpanData childSpan = finished.get(0);
    SpanData parentSpan = finished.get(1);
    assertThat(childSpan.getName()).isEqualTo("pipeline.step");
    assertThat(parentSpan.getName()).isEqualTo("serving.deploy_model");
    assertThat(childSpan.getParentSpanId()).isEqualTo(parentSpan.getSpanId());
    assertThat(childSpan.getTraceId()).isEqualTo(parentSpan.getTraceId());
    assertThat(child.traceId()).isEqualTo(parentSpan.getTraceId());
    assertThat(childSpan.getAttributes().get(AttributeKey.stringKey("envelope.parent_id")))
        .isEqualTo(outerId);
  }

  @Test
  void anAdmissionBecomesAChildOfTheCurrentSpan() {
    Span appSpan = sdk.getTracer("app").spanBuilder("http POST").startSpan();
    try (io.opentelemetry.context.Scope ignored = appSpan.makeCurrent()) {
      Object token = dispatcher.admissionEnter(Serving.class, STEP, new Object[] {"s"});
      dispatcher.admissionExit(token, null, null);
    } finally {
      appSpan.end();
    }
    SpanData envelopeSpan = spans.getFinishedSpanItems().get(0);
    assertThat(envelopeSpan.getParentSpanId()).isEqualTo(appSpan.getSpanContext().getSpanId());
    assertThat(last().envelope().traceId()).isEqualTo(appSpan.getSpanContext().getTraceId());
  }

  @Test
  void aCompletionStageFinalizesOnlyWhenItCompletes() {
    CompletableFuture<Object> future = new CompletableFuture<>();
    Object token = dispatcher.admissionEnter(Serving.class, INFER, new Object[] {"hello"});
    Context inFlight = Context.current();
    dispatcher.admissionExit(token, future, null);

    assertThat(phases()).containsExactly(Phase.ADMISSION);
    assertThat(spans.getFinishedSpanItems()).isEmpty();

    // a grant that arrives on another thread after the method returned, through OTel context
    Thread worker = new Thread(inFlight.wrap(() -> dispatcher.grantExit(Serving.class,
        RESERVE, new Object[] {"slot-1"}, null, null)));
    worker.start();
    joinQuietly(worker);
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.RESOLVED);

    future.complete(new Deployment("d-2", "n-2", "/p"));
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.RESOLVED, Phase.FINALIZED);
    assertThat(last().envelope().resolution().asMap())
        .containsOnlyKeys("deployment_id", "node", "serve_path");
    assertThat(last().envelope().granted().asMap()).containsExactly(Map.entry("slot", "slot-1"));
    assertThat(onlySpan().getAttributes().get(AttributeKey.stringKey("envelope.phase")))
        .isEqualTo("finalized");
  }

  @Test
  void aCompletionStageThatFailsWithCompletionExceptionFailsWithTheCause() {
    CompletableFuture<Object> future = new CompletableFuture<>();
    Object token = dispatcher.admissionEnter(Serving.class, INFER, new Object[] {"hello"});
    dispatcher.admissionExit(token, future, null);
    assertThat(phases()).containsExactly(Phase.ADMISSION);

    IOException cause = new IOException("model server unreachable");
    future.completeExceptionally(new CompletionException(cause));
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
    assertThat(last().error()).isSameAs(cause);
    assertThat(last().envelope().failure().errorType()).isEqualTo("java.io.IOException");
    assertThat(last().envelope().failure().reason()).isEqualTo("model server unreachable");
    assertThat(last().envelope().failure().stage()).isEqualTo(FailureStage.ADMISSION);
    assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void aDependentStageThatThrowsIsUnwrapped() {
    CompletableFuture<Object> source = new CompletableFuture<>();
    CompletionStage<Object> returned = source.thenApply(v -> {
      throw new IllegalStateException("decode failed");
    });
    Object token = dispatcher.admissionEnter(Serving.class, INFER, new Object[] {"hello"});
    dispatcher.admissionExit(token, returned, null);
    source.complete("x");
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
    assertThat(last().envelope().failure().errorType())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(last().envelope().failure().reason()).isEqualTo("decode failed");
  }

  /** An application exception whose toString must not run: it counts, then throws. */
  static final class LoudException extends IllegalStateException {
    final java.util.concurrent.atomic.AtomicInteger toStringCalls =
        new java.util.concurrent.atomic.AtomicInteger();

    LoudException() {
      super("boom");
    }

    @Override
    public String toString() {
      toStringCalls.incrementAndGet();
      throw new IllegalStateException("toString");
    }
  }

  @Test
  void aStageFailingLaterNeitherCallsToStringNorThrowsIntoTheThreadThatCompletesIt() {
    CompletableFuture<Object> future = new CompletableFuture<>();
    Object token = dispatcher.admissionEnter(Serving.class, INFER, new Object[] {"hello"});
    dispatcher.admissionExit(token, future, null);
    LoudException loud = new LoudException();
    assertThatCode(() -> future.completeExceptionally(loud)).doesNotThrowAnyException();
    assertThat(loud.toStringCalls).hasValue(0);
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
    assertThat(last().envelope().failure().reason()).isEqualTo("boom");
  }

  @Test
  void aStageThatAlreadyFailedDoesNotCallToStringEither() {
    LoudException loud = new LoudException();
    Object token = dispatcher.admissionEnter(Serving.class, INFER, new Object[] {"hello"});
    dispatcher.admissionExit(token, CompletableFuture.failedFuture(loud), null);
    assertThat(loud.toStringCalls).hasValue(0);
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
  }

  @Test
  void aCompletionExceptionWhoseCauseCannotBeReadStillEndsTheEnvelope() {
    CompletionException unreadable = new CompletionException("wrapped", new IOException("x")) {
      @Override
      public synchronized Throwable getCause() {
        throw new IllegalStateException("getCause");
      }
    };
    CompletableFuture<Object> future = new CompletableFuture<>();
    Object token = dispatcher.admissionEnter(Serving.class, INFER, new Object[] {"hello"});
    dispatcher.admissionExit(token, future, null);
    future.completeExceptionally(unreadable);
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
    assertThat(last().error()).isSameAs(unreadable);
    assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void afterAFailedGrantAnExceptionWhoseCauseCannotBeReadStillEndsTheEnvelope() {
    RuntimeException unreadable = new RuntimeException("placement failed") {
      @Override
      public synchronized Throwable getCause() {
        throw new IllegalStateException("getCause");
      }
    };
    Object token = admitDeploy();
    try {
      grant(null, new IllegalStateException("no node fits"));
    } finally {
      dispatcher.admissionExit(token, null, unreadable);
    }
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FAILED);
    assertThat(last().envelope().failure().stage()).isEqualTo(FailureStage.RESOLUTION);
    assertThat(last().envelope().failure().reason()).isEqualTo("placement failed");
    assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void thousandsOfGrantsEachWithANewKeyStayWithinTheKeyLimit() {
    int max = CaptureLimits.DEFAULTS.maxKeys();
    Object token = admitDeploy();
    try {
      for (int i = 0; i < 5_000; i++) {
        dispatcher.grantExit(Serving.class, GRANT_MAP, new Object[] {i},
            Map.of("key" + i, i, "node" + i, "n", "password" + i, "s3cr3t"), null);
      }
      // a key already held is still refined
      dispatcher.grantExit(Serving.class, GRANT_MAP, new Object[] {0}, Map.of("key0", -1), null);
    } finally {
      dispatcher.admissionExit(token, null, null);
    }
    Envelope e = last().envelope();
    assertThat(e.phase()).isEqualTo(Phase.FINALIZED);
    assertThat(e.granted().size()).isEqualTo(max);
    assertThat(e.granted().get("key0")).isEqualTo(-1L);
    assertThat(e.resolution().size()).isLessThanOrEqualTo(max);
    assertThat(e.redacted()).as("evidence only of keys that are there")
        .allMatch(k -> k.startsWith("caller.") || e.granted().get(k.substring(8)) != null);
  }

  @Test
  void extensionsStayWithinTheKeyLimitInNamespacesAndKeys() {
    int max = CaptureLimits.DEFAULTS.maxKeys();
    Object token = admitDeploy();
    List<String> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < 1_000; i++) {
        dispatcher.addExtension("serving.vllm", Map.of("key" + i, i));
        outcomes.add(dispatcher.addExtension("many.ns" + i, Map.of("k", i)));
      }
    } finally {
      dispatcher.admissionExit(token, null, null);
    }
    Envelope e = last().envelope();
    assertThat(e.extensions()).hasSize(max);
    assertThat(e.extensions().get("serving.vllm").size()).isEqualTo(max);
    assertThat(outcomes.subList(0, max - 1)).containsOnly("");
    assertThat(outcomes.get(outcomes.size() - 1)).as("refused: not recorded").isNull();
  }

  @Test
  void aGrantWithNoCurrentEnvelopeRecordsNothing() {
    assertThatCode(() -> grant(new Allocation(0.5, "vllm", "n-1"), null))
        .doesNotThrowAnyException();
    assertThatCode(() -> grant(null, new IllegalStateException("x"))).doesNotThrowAnyException();
    assertThat(transitions).isEmpty();
    assertThat(spans.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void aGrantAfterTheEnvelopeEndedIsNotRecorded() {
    Object token = admitDeploy();
    Context captured = Context.current();
    dispatcher.admissionExit(token, null, null);
    try (io.opentelemetry.context.Scope ignored = captured.makeCurrent()) {
      grant(new Allocation(0.5, "vllm", "n-1"), null);
    }
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FINALIZED);
    assertThat(last().envelope().granted().isEmpty()).isTrue();
  }

  @Test
  void concurrentGrantsGetDistinctOrderedSeqs() throws Exception {
    Object token = admitDeploy();
    Context inFlight = Context.current();
    List<Thread> workers = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        String slot = "slot-" + i;
        workers.add(new Thread(inFlight.wrap(() -> dispatcher.grantExit(Serving.class, RESERVE,
            new Object[] {slot}, null, null))));
      }
      workers.forEach(Thread::start);
      workers.forEach(EnvelopeDispatcherTest::joinQuietly);
    } finally {
      dispatcher.admissionExit(token, null, null);
    }
    assertThat(transitions).extracting(Transition::seq)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(last().envelope().phase()).isEqualTo(Phase.FINALIZED);
    assertThat(last().envelope().granted().get("slot")).asString().startsWith("slot-");
    assertThat(onlySpan().getEvents()).hasSize(10);
  }

  @Test
  void secretsInExceptionMessagesAreScrubbed() {
    Object token = admitDeploy();
    dispatcher.admissionExit(token, null,
        new SecurityException("token=abc123 rejected; Authorization: Bearer xyz789"));
    String reason = last().envelope().failure().reason();
    assertThat(reason).contains("[REDACTED]").doesNotContain("abc123").doesNotContain("xyz789")
        .startsWith("token=[REDACTED] rejected");
    SpanData span = onlySpan();
    assertThat(span.getStatus().getDescription()).doesNotContain("abc123");
    assertThat(span.getEvents()).allSatisfy(e -> assertThat(e.getAttributes().asMap().values())
        .noneMatch(v -> String.valueOf(v).contains("abc123") || String.valueOf(v).contains("xyz789")));
  }

  @Test
  void secretArgumentsAreHiddenWhereAFailureMessageRepeatsThemBare() {
    Object token = dispatcher.admissionEnter(Serving.class, LOGIN,
        new Object[] {"bob-the-user", "k-77f1e2a9", "4711-9".toCharArray()});
    dispatcher.grantExit(Serving.class, ISSUE, new Object[] {"sess-0b9c3d", "bob-the-user"}, null,
        null);
    dispatcher.admissionExit(token, null, new IllegalStateException(
        "bob-the-user: key k-77f1e2a9 refused, pin 4711-9, session sess-0b9c3d"));
    Envelope failed = last().envelope();
    assertThat(failed.failure().reason())
        .isEqualTo("bob-the-user: key [REDACTED] refused, pin [REDACTED], session [REDACTED]");
    assertThat(failed.redacted()).containsExactlyInAnyOrder("caller.api_key", "requested.pin",
        "granted.session_token");
    SpanData span = onlySpan();
    assertThat(span.getStatus().getDescription()).isEqualTo(failed.failure().reason());
    EventData exception = span.getEvents().get(span.getEvents().size() - 1);
    assertThat(exception.getName()).isEqualTo("exception");
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo(failed.failure().reason());
  }

  @Test
  void anEnvelopeHidesOnlyTheSecretsItWasHanded() {
    Object first = dispatcher.admissionEnter(Serving.class, LOGIN,
        new Object[] {"bob-the-user", "k-77f1e2a9", null});
    dispatcher.admissionExit(first, null, null);
    Object second = dispatcher.admissionEnter(Serving.class, STEP, new Object[] {"download"});
    dispatcher.admissionExit(second, null, new IllegalStateException("k-77f1e2a9 is not a key here"));
    assertThat(last().envelope().failure().reason()).isEqualTo("k-77f1e2a9 is not a key here");
  }

  @Test
  void anAsyncFailureIsScrubbedWithTheSecretsOfItsEnvelope() {
    Object token = dispatcher.admissionEnter(Serving.class, LOGIN,
        new Object[] {"bob-the-user", "k-77f1e2a9", null});
    CompletableFuture<Object> future = new CompletableFuture<>();
    dispatcher.admissionExit(token, future, null);
    future.completeExceptionally(new CompletionException(new IOException("k-77f1e2a9 revoked")));
    assertThat(last().envelope().failure().reason()).isEqualTo("[REDACTED] revoked");
  }

  @Test
  void aLongExceptionMessageIsCut() {
    Object token = admitDeploy();
    dispatcher.admissionExit(token, null, new IllegalStateException("x".repeat(10_000)));
    assertThat(last().envelope().failure().reason().length())
        .isLessThanOrEqualTo(CaptureLimits.DEFAULTS.maxStringLength());
  }

  @Test
  void anExceptionWhoseMessageThrowsIsStillRecorded() {
    Object token = admitDeploy();
    dispatcher.admissionExit(token, null, new IllegalStateException() {
      @Override
      public String getMessage() {
        throw new UnsupportedOperationException("no message for you");
      }
    });
    assertThat(last().envelope().phase()).isEqualTo(Phase.FAILED);
    assertThat(last().envelope().failure().reason()).isEmpty();
  }

  @Test
  void anUnknownMethodIsNotAdmitted() {
    assertThat(dispatcher.admissionEnter(Serving.class, "nope()V", new Object[0])).isNull();
    assertThat(dispatcher.admissionEnter(Serving.class, "place(" + T + "Req;)" + T + "Allocation;",
        new Object[1])).as("a @Grant method is not an admission").isNull();
    dispatcher.admissionExit(null, null, null);
    dispatcher.admissionExit("not a token", null, null);
    assertThat(transitions).isEmpty();
    assertThat(spans.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void aFailingRecorderNeverReachesTheApplication() {
    dispatcher = dispatcher(t -> {
      throw new IllegalStateException("recorder broke");
    });
    assertThatCode(() -> {
      Object token = admitDeploy();
      grant(new Allocation(0.5, "vllm", "n-1"), null);
      dispatcher.admissionExit(token, "done", null);
    }).doesNotThrowAnyException();
  }

  @Test
  void oneFailingRecorderDoesNotStopTheOthers() {
    dispatcher = dispatcher(new Recorders(List.of(t -> {
      throw new IllegalStateException("first recorder broke");
    }, transitions::add)));
    Object token = admitDeploy();
    dispatcher.admissionExit(token, null, null);
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FINALIZED);
  }

  @Test
  void argumentsThatCannotBeReadDoNotStopTheAdmission() {
    Object token = dispatcher.admissionEnter(Serving.class, DEPLOY,
        new Object[] {null, null, null, null, null});
    dispatcher.admissionExit(token, null, null);
    assertThat(phases()).containsExactly(Phase.ADMISSION, Phase.FINALIZED);
    assertThat(last().envelope().admission().caller().get("requester_urn")).isEqualTo("urn:anonymous");
    assertThat(last().envelope().admission().requested().isEmpty()).isTrue();
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
