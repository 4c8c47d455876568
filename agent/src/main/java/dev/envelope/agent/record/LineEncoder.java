package dev.envelope.agent.record;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * Writes the event's message, already a complete JSON line, followed by a newline: no pattern to
 * parse, no converters to load, nothing added around the JSON.
 */
final class LineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NEWLINE = {'\n'};

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    byte[] line = event.getMessage().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[line.length + 1];
    System.arraycopy(line, 0, out, 0, line.length);
    out[line.length] = NEWLINE[0];
    return out;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
