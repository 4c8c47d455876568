package dev.envelope.agent.record;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts what the SDK was given to export and what reached the collector, so that what never
 * did is reported once, with its count, instead of vanishing. The SDK's batch processor drops
 * quietly when its queue is full, and a failed export is gone; neither is visible anywhere else.
 *
 * <p>One ledger per signal: a processor counts every item handed over, a wrapper around the
 * exporter counts every item exported or refused. What is neither at the end was dropped from
 * the full queue or was still waiting when the process stopped.
 */
public final class ExportLedger {
  private final String items;
  private final LongAdder handed = new LongAdder();
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private volatile String firstFailure;
  /** Set once an exporter is wrapped: with none ({@code none}) nothing is meant to leave. */
  private volatile boolean exporting;

  /** @param items what is counted, in the plural: {@code spans}, {@code log records} */
  public ExportLedger(String items) {
    this.items = items;
  }

  public long handed() {
    return handed.sum();
  }

  public long exported() {
    return exported.sum();
  }

  /** Items in exports the collector refused, did not answer, or that failed on the way. */
  public long failed() {
    return failed.sum();
  }

  /** Items handed over but neither exported nor failed: dropped from a full queue, or unsent. */
  public long dropped() {
    return Math.max(0, handed() - exported() - failed());
  }

  /**
   * The one-line report of what was not exported, or {@code null} when everything was.
   *
   * @param where the collectors exported to, for the operator
   */
  public String report(String where) {
    long all = handed();
    long failedNow = failed();
    long droppedNow = Math.max(0, all - exported() - failedNow);
    if (failedNow + droppedNow == 0) {
      return null;
    }
    String cause = firstFailure;
    return (failedNow + droppedNow) + " of " + all + " " + items + " were not exported"
        + (where.isEmpty() ? "" : " to " + where) + ": " + failedNow + " in failed exports"
        + (cause == null ? "" : " (first: " + cause + ")") + ", " + droppedNow
        + " dropped from the full export queue or unsent at exit";
  }

  void handedOne() {
    handed.increment();
  }

  void settled(int count, CompletableResultCode result) {
    if (result.isSuccess()) {
      exported.add(count);
      return;
    }
    failed.add(count);
    if (firstFailure == null) {
      Throwable t = result.getFailureThrowable();
      firstFailure = t == null ? "no reason given" : describe(t);
    }
  }

  /**
   * The first cause that says something: the SDK wraps failures in an exception of its own with
   * no message, and the JDK's connect failures carry theirs only in their cause's type.
   */
  static String describe(Throwable t) {
    Throwable cause = t;
    for (int i = 0; i < 8 && isWrapper(cause); i++) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message != null) {
      return cause.getClass().getSimpleName() + ": " + message;
    }
    Throwable inner = cause.getCause();
    return cause.getClass().getSimpleName()
        + (inner == null || inner == cause ? "" : " (" + inner.getClass().getSimpleName() + ")");
  }

  private static boolean isWrapper(Throwable t) {
    Throwable cause = t.getCause();
    if (cause == null || cause == t) {
      return false;
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName().endsWith("FailedExportException")
        : message.equals(cause.toString());
  }

  /** Counts every span the SDK ends that is sampled, hence meant for the exporter. */
  public SpanProcessor spanCounter() {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (exporting && span.getSpanContext().isSampled()) {
          handedOne();
        }
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    };
  }

  public SpanExporter countingSpans(SpanExporter delegate) {
    exporting = true;
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return settle(spans.size(), () -> delegate.export(spans));
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  public LogRecordProcessor logCounter() {
    return (Context context, ReadWriteLogRecord logRecord) -> {
      if (exporting) {
        handedOne();
      }
    };
  }

  public LogRecordExporter countingLogs(LogRecordExporter delegate) {
    exporting = true;
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        return settle(logs.size(), () -> delegate.export(logs));
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  private CompletableResultCode settle(int count,
      Supplier<CompletableResultCode> export) {
    CompletableResultCode result;
    try {
      result = export.get();
    } catch (RuntimeException e) {
      result = CompletableResultCode.ofExceptionalFailure(e);
    }
    CompletableResultCode settled = result;
    settled.whenComplete(() -> settled(count, settled));
    return settled;
  }
}
