package dev.envelope.agent.record;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Envelope spans made by the OpenTelemetry Java agent's SDK, when that agent is attached too: the
 * envelope span is then a child of its HTTP server span, its own spans inside the admission are
 * children of the envelope span, and there is one SDK and one export pipeline. The agent's API
 * lives in the bootstrap class loader under a shaded name; it is called reflectively, with
 * methods looked up once.
 */
public final class OtelAgentSpans implements EnvelopeSpans {
  static final String SHADED = "io.opentelemetry.javaagent.shaded.io.opentelemetry.";

  private final Object tracer;
  private final Method spanBuilder;
  private final Method setSpanKind;
  private final Object internalKind;
  private final Method setStartTimestamp;
  private final Method startSpan;
  private final Method setStringAttribute;
  private final Method setLongAttribute;
  private final Method setDoubleAttribute;
  private final Method setBooleanAttribute;
  private final Method setKeyAttribute;
  private final Method stringArrayKey;
  private final Method longArrayKey;
  private final Method doubleArrayKey;
  private final Method booleanArrayKey;
  private final Method attributesBuilder;
  private final Method builderPutString;
  private final Method builderPutLong;
  private final Method builderPutDouble;
  private final Method builderPutBoolean;
  private final Method builderPutKey;
  private final Method builderBuild;
  private final Method addEvent;
  private final Method setStatus;
  private final Object errorStatus;
  private final Method end;
  private final Method isRecording;
  private final Method getSpanContext;
  private final Method getTraceId;
  private final Method getSpanId;
  private final Method getTraceFlags;
  private final Method flagsAsByte;
  private final Method currentContext;
  private final Method storeInContext;
  private final Method currentBaggage;
  private final Method baggageToBuilder;
  private final Method baggageBuilderPut;
  private final Method baggageBuild;
  private final Method baggageStoreInContext;
  private final Method makeCurrent;
  private final Method closeScope;
  private final Object envelopeKey;
  private final Method contextWith;
  private final Method contextGet;

  private OtelAgentSpans(String instrumentation, String version) throws Exception {
    Class<?> global = type("api.GlobalOpenTelemetry");
    Class<?> openTelemetry = type("api.OpenTelemetry");
    Class<?> tracerType = type("api.trace.Tracer");
    Class<?> builderType = type("api.trace.SpanBuilder");
    Class<?> spanKind = type("api.trace.SpanKind");
    Class<?> spanType = type("api.trace.Span");
    Class<?> attributeKey = type("api.common.AttributeKey");
    Class<?> attributes = type("api.common.Attributes");
    Class<?> attributesBuilderType = type("api.common.AttributesBuilder");
    Class<?> statusCode = type("api.trace.StatusCode");
    Class<?> spanContext = type("api.trace.SpanContext");
    Class<?> traceFlags = type("api.trace.TraceFlags");
    Class<?> context = type("context.Context");
    Class<?> baggage = type("api.baggage.Baggage");
    Class<?> baggageBuilder = type("api.baggage.BaggageBuilder");
    Class<?> scope = type("context.Scope");

    Object otel = global.getMethod("get").invoke(null);
    tracer = openTelemetry.getMethod("getTracer", String.class, String.class)
        .invoke(otel, instrumentation, version);
    spanBuilder = tracerType.getMethod("spanBuilder", String.class);
    setSpanKind = builderType.getMethod("setSpanKind", spanKind);
    internalKind = spanKind.getField("INTERNAL").get(null);
    setStartTimestamp = builderType.getMethod("setStartTimestamp", long.class, TimeUnit.class);
    startSpan = builderType.getMethod("startSpan");
    setStringAttribute = spanType.getMethod("setAttribute", String.class, String.class);
    setLongAttribute = spanType.getMethod("setAttribute", String.class, long.class);
    setDoubleAttribute = spanType.getMethod("setAttribute", String.class, double.class);
    setBooleanAttribute = spanType.getMethod("setAttribute", String.class, boolean.class);
    setKeyAttribute = spanType.getMethod("setAttribute", attributeKey, Object.class);
    stringArrayKey = attributeKey.getMethod("stringArrayKey", String.class);
    longArrayKey = attributeKey.getMethod("longArrayKey", String.class);
    doubleArrayKey = attributeKey.getMethod("doubleArrayKey", String.class);
    booleanArrayKey = attributeKey.getMethod("booleanArrayKey", String.class);
    attributesBuilder = attributes.getMethod("builder");
    builderPutString = attributesBuilderType.getMethod("put", String.class, String.class);
    builderPutLong = attributesBuilderType.getMethod("put", String.class, long.class);
    builderPutDouble = attributesBuilderType.getMethod("put", String.class, double.class);
    builderPutBoolean = attributesBuilderType.getMethod("put", String.class, boolean.class);
    builderPutKey = attributesBuilderType.getMethod("put", attributeKey, Object.class);
    builderBuild = attributesBuilderType.getMethod("build");
    addEvent = spanType.getMethod("addEvent", String.class, attributes, long.class, TimeUnit.class);
    setStatus = spanType.getMethod("setStatus", statusCode, String.class);
    errorStatus = statusCode.getField("ERROR").get(null);
    end = spanType.getMethod("end", long.class, TimeUnit.class);
    isRecording = spanType.getMethod("isRecording");
    getSpanContext = spanType.getMethod("getSpanContext");
    getTraceId = spanContext.getMethod("getTraceId");
    getSpanId = spanContext.getMethod("getSpanId");
    getTraceFlags = spanContext.getMethod("getTraceFlags");
    flagsAsByte = traceFlags.getMethod("asByte");
    currentContext = context.getMethod("current");
    storeInContext = spanType.getMethod("storeInContext", context);
    currentBaggage = baggage.getMethod("current");
    baggageToBuilder = baggage.getMethod("toBuilder");
    baggageBuilderPut = baggageBuilder.getMethod("put", String.class, String.class);
    baggageBuild = baggageBuilder.getMethod("build");
    baggageStoreInContext = baggage.getMethod("storeInContext", context);
    makeCurrent = context.getMethod("makeCurrent");
    closeScope = scope.getMethod("close");
    Class<?> contextKey = type("context.ContextKey");
    envelopeKey = contextKey.getMethod("named", String.class).invoke(null, "dev.envelope.active-envelope");
    contextWith = context.getMethod("with", contextKey, Object.class);
    contextGet = context.getMethod("get", contextKey);
  }

  /** Whether the OpenTelemetry Java agent is attached to this JVM. */
  public static boolean agentPresent() {
    try {
      Class.forName(SHADED + "api.GlobalOpenTelemetry", false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  public static OtelAgentSpans create(String instrumentation, String version) throws Exception {
    return new OtelAgentSpans(instrumentation, version);
  }

  private static Class<?> type(String name) throws ClassNotFoundException {
    return Class.forName(SHADED + name, false, null);
  }

  @Override
  public boolean propagatedElsewhere() {
    return true;
  }

  @Override
  public Object currentElsewhere() {
    return call(contextGet, call(currentContext, null), envelopeKey);
  }

  @Override
  public EnvelopeSpan start(String name, Context parent, Instant at) {
    try {
      Object builder = spanBuilder.invoke(tracer, name);
      setSpanKind.invoke(builder, internalKind);
      setStartTimestamp.invoke(builder, nanos(at), TimeUnit.NANOSECONDS);
      Object span = startSpan.invoke(builder);
      Object ids = getSpanContext.invoke(span);
      Span local = Span.wrap(SpanContext.create((String) getTraceId.invoke(ids),
          (String) getSpanId.invoke(ids), TraceFlags.fromByte((Byte) flagsAsByte.invoke(
              getTraceFlags.invoke(ids))), TraceState.getDefault()));
      return new AgentSpan(span, local);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("the OpenTelemetry agent's tracer failed: " + e, e);
    }
  }

  private static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  /** One span of the OpenTelemetry agent's SDK. */
  private final class AgentSpan implements EnvelopeSpan {
    private final Object span;
    private final Span local;

    AgentSpan(Object span, Span local) {
      this.span = span;
      this.local = local;
    }

    @Override
    public Span otelSpan() {
      return local;
    }

    @Override
    public boolean isRecording() {
      return (Boolean) call(isRecording, span);
    }

    @Override
    public void setAttributes(Map<String, Object> attributes) {
      attributes.forEach((key, value) -> put(span, key, value, setStringAttribute, setLongAttribute,
          setDoubleAttribute, setBooleanAttribute, setKeyAttribute));
    }

    @Override
    public void addEvent(String name, Map<String, Object> attributes, Instant at) {
      Object builder = call(attributesBuilder, null);
      attributes.forEach((key, value) -> put(builder, key, value, builderPutString,
          builderPutLong, builderPutDouble, builderPutBoolean, builderPutKey));
      call(addEvent, span, name, call(builderBuild, builder), nanos(at), TimeUnit.NANOSECONDS);
    }

    /** One typed value onto a span or an attributes builder, whose setters are given. */
    private void put(Object target, String key, Object value, Method string, Method longValue,
        Method doubleValue, Method booleanValue, Method keyed) {
      if (value instanceof String) {
        call(string, target, key, value);
      } else if (value instanceof Long) {
        call(longValue, target, key, value);
      } else if (value instanceof Double) {
        call(doubleValue, target, key, value);
      } else if (value instanceof Boolean) {
        call(booleanValue, target, key, value);
      } else if (value instanceof List) {
        call(keyed, target, arrayKey(key, (List<?>) value), arrayValue((List<?>) value));
      }
    }

    @Override
    public void setError(String errorType, String reason) {
      Object builder = call(attributesBuilder, null);
      call(builderPutString, builder, "exception.type", errorType);
      call(builderPutString, builder, "exception.message", reason);
      call(addEvent, span, "exception", call(builderBuild, builder), nanos(Instant.now()),
          TimeUnit.NANOSECONDS);
      call(setStatus, span, errorStatus, reason);
    }

    @Override
    public void end(Instant at) {
      call(end, span, nanos(at), TimeUnit.NANOSECONDS);
    }

    @Override
    public AutoCloseable makeCurrentElsewhere(String envelopeId, Object active) {
      Object context = call(storeInContext, span, call(currentContext, null));
      context = call(contextWith, context, envelopeKey, active);
      Object baggage = call(baggageBuild, call(baggageBuilderPut,
          call(baggageToBuilder, call(currentBaggage, null)), "envelope.id", envelopeId));
      Object scope = call(makeCurrent, call(baggageStoreInContext, baggage, context));
      return () -> call(closeScope, scope);
    }

    private Object arrayKey(String key, List<?> list) {
      Object first = list.isEmpty() ? "" : list.get(0);
      Method factory = first instanceof Long ? longArrayKey : first instanceof Double
          ? doubleArrayKey : first instanceof Boolean ? booleanArrayKey : stringArrayKey;
      return call(factory, null, key);
    }

    private Object arrayValue(List<?> list) {
      Object first = list.isEmpty() ? "" : list.get(0);
      if (first instanceof Long || first instanceof Double || first instanceof Boolean) {
        return list;
      }
      return list.stream().map(String::valueOf).collect(java.util.stream.Collectors.toList());
    }
  }

  private static Object call(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the OpenTelemetry agent's API failed: " + e, e);
    }
  }
}
