package dev.envelope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.agent.capture.CaptureLimits;
import dev.envelope.agent.capture.CaptureStats;
import dev.envelope.agent.capture.Flattener;
import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.record.EventEncoder;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  @Test
  void theWarmUpEnvelopeGoesThroughCaptureAndEncodingWithoutBeingRecorded() {
    CaptureStats stats = new CaptureStats();
    String lines = WarmUp.run(new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null), stats),
        new EventEncoder("svc"));
    assertThat(lines).contains("\"event\":\"envelope.admitted\"")
        .contains("\"event\":\"envelope.finalized\"")
        .contains("\"nested.count\":1");
  }
}
