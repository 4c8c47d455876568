package dev.envelope.agent.lifecycle;

import dev.envelope.agent.bootstrap.Dispatcher;
import dev.envelope.agent.capture.AdmissionPlan;
import dev.envelope.agent.capture.CapturedAdmission;
import dev.envelope.agent.capture.FamilyCapture;
import dev.envelope.agent.capture.FieldSelection;
import dev.envelope.agent.capture.Flattener;
import dev.envelope.agent.capture.GrantPlan;
import dev.envelope.agent.capture.PlanCache;
import dev.envelope.agent.config.InstrumentedMethods;
import dev.envelope.agent.config.MethodSpec;
import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.model.Admission;
import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.EnvelopeIds;
import dev.envelope.agent.model.ExtensionNamespace;
import dev.envelope.agent.model.Family;
import dev.envelope.agent.record.EnvelopeSpan;
import dev.envelope.agent.record.EnvelopeSpans;
import dev.envelope.agent.record.Receipt;
import dev.envelope.agent.record.Recorder;
import dev.envelope.agent.record.SdkEnvelopeSpans;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import dev.envelope.agent.model.Fields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The envelope lifecycle behind the woven code: opens an envelope at admission, applies grants,
 * ends it once. Every entry point contains its own failures; the application never sees them.
 */
public final class EnvelopeDispatcher implements Dispatcher {
  private static final Pattern ENVELOPE_ID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private final EnvelopeSpans spans;
  private final Flattener flattener;
  private final Recorder recorder;
  private final Clock clock;
  private final FailureDescriber failures;
  private final EnvelopeServices services;
  private final PlanCache<AdmissionPlan> admissions;
  private final PlanCache<GrantPlan> grants;
  private final ContextPropagation propagation = new ContextPropagation();
  private final HttpPropagation http;
  /** Strict audit mode: an admission runs only once its {@code admitted} line is written. */
  private final boolean strict;

  public EnvelopeDispatcher(Tracer tracer, Flattener flattener, Recorder recorder, Clock clock) {
    this(new SdkEnvelopeSpans(tracer), flattener, recorder, clock, InstrumentedMethods.NONE,
        TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
            W3CBaggagePropagator.getInstance()));
  }

  /**
   * @param spans makes the envelope spans
   * @param instrumented methods that configuration makes admissions or grants; for those, the
   *     configuration is the plan, annotations are not read
   * @param propagator how trace context and baggage cross HTTP between services
   */
  public EnvelopeDispatcher(EnvelopeSpans spans, Flattener flattener, Recorder recorder,
      Clock clock, InstrumentedMethods instrumented, TextMapPropagator propagator) {
    this(spans, flattener, recorder, clock, instrumented, propagator, false);
  }

  /**
   * @param strict strict audit mode ({@code envelope.events.strict}): an admission whose
   *     {@code admitted} line cannot be written fails with {@link StrictAudit#refusal} instead of
   *     running
   */
  public EnvelopeDispatcher(EnvelopeSpans spans, Flattener flattener, Recorder recorder,
      Clock clock, InstrumentedMethods instrumented, TextMapPropagator propagator,
      boolean strict) {
    this.strict = strict;
    this.spans = spans;
    this.http = new HttpPropagation(propagator);
    this.flattener = flattener;
    this.recorder = recorder;
    this.clock = clock;
    this.failures = new FailureDescriber(flattener.redactor(), flattener.limits().maxStringLength());
    this.services = new EnvelopeServices(recorder, failures, flattener.limits().maxKeys(),
        flattener.stats());
    this.admissions = new PlanCache<>(method -> {
      MethodSpec spec = configured(instrumented, method, MethodSpec.Role.ADMISSION);
      return spec != null ? AdmissionPlan.of(method, spec) : AdmissionPlan.of(method);
    }, EnvelopeDispatcher::unusable);
    this.grants = new PlanCache<>(method -> {
      MethodSpec spec = configured(instrumented, method, MethodSpec.Role.GRANT);
      return spec != null ? GrantPlan.of(method, spec) : GrantPlan.of(method);
    }, EnvelopeDispatcher::unusable);
  }

  private static MethodSpec configured(InstrumentedMethods instrumented, Method method,
      MethodSpec.Role role) {
    return instrumented.find(method.getDeclaringClass().getName(), method.getName(),
        method.getParameterCount(), role);
  }

  private static void unusable(String handler, Throwable why) {
    Diagnostics.warnOnce("plan:" + handler, "not recording " + handler + ": "
        + Diagnostics.describe(why));
  }

  @Override
  public Object admissionEnter(Class<?> type, String method, Object[] args) {
    EnvelopeSpan span = null;
    try {
      AdmissionPlan plan = admissions.get(type, method);
      if (plan == null) {
        return null;
      }
      Instant now = clock.instant();
      Context parent = Context.current();
      ActiveEnvelope outer = EnvelopeContext.get(parent);
      String parentId = outer != null ? outer.id() : remoteParentId(parent);
      CapturedAdmission captured = plan.capture(args, flattener);
      span = spans.start(plan.spanName(), parent, now);
      SpanContext ids = span.otelSpan().getSpanContext();
      Map<String, Fields> extensions = Collections.emptyMap();
      if (!captured.extensions().isEmpty()) {
        extensions = new LinkedHashMap<>();
        for (Map.Entry<String, FamilyCapture> ext : captured.extensions().entrySet()) {
          extensions.put(ext.getKey(), ext.getValue().fields());
        }
      }
      Admission admission = Admission.of(EnvelopeIds.nextString(), parentId,
          fields(captured.family(Family.CALLER)), plan.execution(),
          fields(captured.family(Family.SCOPE)), fields(captured.family(Family.GOVERNANCE)),
          fields(captured.family(Family.REQUESTED)), extensions, captured.redacted(), now);
      Envelope envelope = Envelope.admit(admission,
          ids.isValid() ? ids.getTraceId() : null, ids.isValid() ? ids.getSpanId() : null);
      ActiveEnvelope active = new ActiveEnvelope(envelope, span, services, plan,
          captured.secrets());
      Receipt receipt = strict ? new Receipt() : null;
      active.admitted(now, receipt);
      if (receipt != null && !receipt.await(StrictAudit.WAIT_NANOS)) {
        Throwable refusal = StrictAudit.refusal(type);
        active.fail(refusal, clock.instant());
        return refusal;
      }
      // The envelope id joins baggage only when a request leaves (HttpPropagation).
      active.scope = parent.with(span.otelSpan()).with(EnvelopeContext.KEY, active).makeCurrent();
      try {
        active.elsewhere = span.makeCurrentElsewhere(envelope.id(), active);
      } catch (Throwable t) {
        internalError("admission context", t);
      }
      return active;
    } catch (Throwable t) {
      if (span != null) {
        try {
          span.end(clock.instant());
        } catch (Throwable ignored) {
          // already reporting the first failure
        }
      }
      internalError("admission", t);
      return null;
    }
  }

  private static Fields fields(FamilyCapture captured) {
    return captured == null ? null : captured.fields();
  }

  @Override
  public void admissionExit(Object token, Object returned, Throwable thrown) {
    if (!(token instanceof ActiveEnvelope)) {
      return;
    }
    ActiveEnvelope t = (ActiveEnvelope) token;
    try {
      if (t.elsewhere != null) {
        t.elsewhere.close();
      }
    } catch (Throwable e) {
      internalError("scope", e);
    }
    try {
      t.scope.close();
    } catch (Throwable e) {
      internalError("scope", e);
    }
    try {
      if (thrown != null) {
        t.fail(thrown, clock.instant());
      } else if (returned instanceof CompletionStage) {
        // Not whenComplete: its dependent stage wraps a failure in a new CompletionException,
        // whose constructor calls the application exception's toString (which may throw, into
        // the thread that completes the stage). handle's dependent holds only our null.
        ((CompletionStage<?>) returned).handle((value, error) -> {
          complete(t, value, error);
          return null;
        });
      } else {
        finish(t, returned);
      }
    } catch (Throwable e) {
      internalError("admission exit", e);
    }
  }

  private void complete(ActiveEnvelope t, Object value, Throwable error) {
    try {
      if (error != null) {
        Throwable cause;
        try {
          cause = FailureDescriber.unwrap(error);
        } catch (Throwable unreadable) {
          cause = error; // a getCause() that throws: the wrapper is all we know
        }
        t.fail(cause, clock.instant());
      } else {
        finish(t, value);
      }
    } catch (Throwable e) {
      internalError("async completion", e);
    }
  }

  private void finish(ActiveEnvelope t, Object returned) {
    FamilyCapture result = t.plan.captureResult(returned, flattener);
    t.finish(result.fields(), result.redacted(), clock.instant());
  }

  @Override
  public void grantExit(Class<?> type, String method, Object[] args, Object returned,
      Throwable thrown) {
    try {
      ActiveEnvelope active = current();
      if (active == null) {
        Diagnostics.warnRateLimited("grant-without-envelope", "@Grant " + type.getName() + "#"
            + method.substring(0, Math.max(0, method.indexOf('(')))
            + " ran with no current envelope; nothing recorded (reported at most once a minute)");
        return;
      }
      if (thrown != null) {
        active.grantFailed(thrown);
        return;
      }
      GrantPlan plan = grants.get(type, method);
      if (plan == null) {
        return;
      }
      FamilyCapture[] captured = plan.capture(args, returned, flattener,
          plan.handsSecrets(flattener.redactor()) ? active.secretsToKeep() : null);
      List<String> redacted = captured[0].redacted();
      if (!captured[1].redacted().isEmpty()) {
        redacted = new ArrayList<>(redacted);
        redacted.addAll(captured[1].redacted());
      }
      active.resolve(captured[0].fields(), captured[1].fields(), redacted, clock.instant());
    } catch (Throwable t) {
      internalError("grant", t);
    }
  }

  @Override
  public void taskCreated(Object task) {
    propagation.taskCreated(task);
  }

  @Override
  public Object taskStarted(Object task, boolean once) {
    return propagation.taskStarted(task, once);
  }

  @Override
  public void taskEnded(Object scope) {
    ((Scope) scope).close();
  }

  /**
   * The envelope current on this thread: in the agent's own context, or, when another agent
   * carries the context (its propagation may reach threads the agent's own does not), in that one.
   */
  private ActiveEnvelope current() {
    ActiveEnvelope active = EnvelopeContext.current();
    if (active == null && spans.propagatedElsewhere()) {
      Object elsewhere = spans.currentElsewhere();
      return elsewhere instanceof ActiveEnvelope ? (ActiveEnvelope) elsewhere : null;
    }
    return active;
  }

  @Override
  public Object outgoingRequest(Object request) {
    // When another agent carries the context, it also sets the headers; two writers would fight.
    return spans.propagatedElsewhere() ? request : http.outgoing(request);
  }

  @Override
  public Object incomingRequest(Object exchange) {
    return http.incoming(exchange);
  }

  /**
   * The envelope id an upstream service sent in baggage, if it looks like one. Used only to link
   * the two envelopes; baggage is never read for the caller's identity.
   */
  private static String remoteParentId(Context parent) {
    String id = Baggage.fromContext(parent).getEntryValue(EnvelopeContext.BAGGAGE_KEY);
    return id != null && ENVELOPE_ID.matcher(id).matches() ? id : null;
  }

  @Override
  public Runnable wrap(Runnable task) {
    return propagation.wrap(task);
  }

  @Override
  public Map<String, Object> currentEnvelope() {
    ActiveEnvelope active = current();
    return active == null ? null : EnvelopeView.of(active.snapshot());
  }

  @Override
  public String addExtension(String namespace, Object data) {
    ActiveEnvelope active = current();
    if (active == null) {
      return null;
    }
    try {
      ExtensionNamespace.check(namespace);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    FamilyCapture captured = flattener.newFamily(namespace);
    flattener.capture(data, "", "value", FieldSelection.ALL, false, captured);
    List<String> redacted = new ArrayList<>();
    for (String key : captured.redacted()) {
      redacted.add("extensions." + key);
    }
    return active.addExtension(namespace, captured.fields(), redacted) ? "" : null;
  }

  private static void internalError(String where, Throwable t) {
    Diagnostics.warnRateLimited("internal:" + where, "internal error in " + where
        + " (the application is unaffected): " + Diagnostics.describe(t));
  }
}
