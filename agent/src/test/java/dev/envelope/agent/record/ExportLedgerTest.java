package dev.envelope.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.ConnectException;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExportLedgerTest {

  private static SdkTracerProvider provider(ExportLedger ledger, SpanExporter exporter,
      int queue) {
    return SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(ledger.countingSpans(exporter))
            .setMaxQueueSize(queue).setMaxExportBatchSize(Math.min(queue, 512))
            .setScheduleDelay(1, TimeUnit.MILLISECONDS).build())
        .addSpanProcessor(ledger.spanCounter())
        .build();
  }

  private static void endSpans(SdkTracerProvider provider, int count) {
    Tracer tracer = provider.get("test");
    for (int i = 0; i < count; i++) {
      tracer.spanBuilder("s" + i).startSpan().end();
    }
  }

  @Test
  void everythingExportedLeavesNothingToReport() {
    ExportLedger ledger = new ExportLedger("spans");
    InMemorySpanExporter sink = InMemorySpanExporter.create();
    SdkTracerProvider provider = provider(ledger, sink, 2048);
    endSpans(provider, 300);
    provider.forceFlush().join(10, TimeUnit.SECONDS);
    assertThat(sink.getFinishedSpanItems()).hasSize(300);
    provider.shutdown().join(10, TimeUnit.SECONDS);
    assertThat(ledger.handed()).isEqualTo(300);
    assertThat(ledger.exported()).isEqualTo(300);
    assertThat(ledger.report("http://collector:4318")).isNull();
  }

  @Test
  void refusedExportsAreCountedWithTheirFirstCause() {
    ExportLedger ledger = new ExportLedger("spans");
    SpanExporter refusing = new Exporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofExceptionalFailure(
            new IllegalStateException(new ConnectException("Connection refused")));
      }
    };
    SdkTracerProvider provider = provider(ledger, refusing, 2048);
    endSpans(provider, 250);
    provider.shutdown().join(10, TimeUnit.SECONDS);
    assertThat(ledger.failed()).isEqualTo(250);
    assertThat(ledger.dropped()).isZero();
    assertThat(ledger.report("http://127.0.0.1:1"))
        .isEqualTo("250 of 250 spans were not exported to http://127.0.0.1:1: 250 in failed exports"
            + " (first: ConnectException: Connection refused), 0 dropped from the full export"
            + " queue or unsent at exit");
  }

  @Test
  void aCollectorThatNeverAnswersShowsAsDroppedAndUnsent() {
    ExportLedger ledger = new ExportLedger("spans");
    SpanExporter hanging = new Exporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return new CompletableResultCode(); // never completes
      }
    };
    SdkTracerProvider provider = provider(ledger, hanging, 16);
    endSpans(provider, 1000);
    provider.shutdown().join(200, TimeUnit.MILLISECONDS);
    assertThat(ledger.handed()).isEqualTo(1000);
    assertThat(ledger.exported()).isZero();
    assertThat(ledger.dropped()).as("dropped from the full queue, or in flight and unsent")
        .isEqualTo(1000);
    assertThat(ledger.report("")).startsWith("1000 of 1000 spans were not exported: 0 in failed");
  }

  @Test
  void anExporterThatThrowsIsAFailureNotAnEscape() {
    ExportLedger ledger = new ExportLedger("spans");
    SpanExporter throwing = new Exporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        throw new IllegalArgumentException("boom");
      }
    };
    CompletableResultCode result = ledger.countingSpans(throwing).export(java.util.List.of());
    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isFalse();
  }

  @Test
  void withNoExporterNothingIsMeantToLeave() {
    ExportLedger ledger = new ExportLedger("spans");
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(ledger.spanCounter()).build();
    endSpans(provider, 10);
    provider.shutdown();
    assertThat(ledger.handed()).isZero();
    assertThat(ledger.report("")).isNull();
  }

  @Test
  void unsampledSpansAreNotCounted() {
    ExportLedger ledger = new ExportLedger("spans");
    SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff())
        .addSpanProcessor(BatchSpanProcessor.builder(
            ledger.countingSpans(InMemorySpanExporter.create())).build())
        .addSpanProcessor(ledger.spanCounter()).build();
    endSpans(provider, 10);
    provider.shutdown().join(5, TimeUnit.SECONDS);
    assertThat(ledger.handed()).isZero();
  }

  @Test
  void aFailureIsDescribedByTheFirstCauseThatSaysSomething() {
    ConnectException refused = new ConnectException();
    refused.initCause(new java.nio.channels.ClosedChannelException());
    assertThat(ExportLedger.describe(new FailedExportException(refused)))
        .isEqualTo("ConnectException (ClosedChannelException)");
    assertThat(ExportLedger.describe(new RuntimeException(refused)))
        .isEqualTo("ConnectException (ClosedChannelException)");
    assertThat(ExportLedger.describe(new RuntimeException("HTTP 404")))
        .isEqualTo("RuntimeException: HTTP 404");
  }

  /** Stands for the SDK's own wrapper, which carries no message. */
  private static final class FailedExportException extends Exception {
    FailedExportException(Throwable cause) {
      super(null, cause);
    }
  }

  private abstract static class Exporter implements SpanExporter {
    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
