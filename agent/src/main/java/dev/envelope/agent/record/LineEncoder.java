package dev.envelope.agent.record;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * Writes one event line: the transition carried by the logging event, encoded here (on the
 * appender's thread), followed by a newline. No pattern to parse, nothing added around the JSON.
 */
final class LineEncoder extends EncoderBase<ILoggingEvent> {
  /** The message of every event-log entry; the transition travels as its one argument. */
  static final String MESSAGE = "envelope event";

  private final EventEncoder events;

  LineEncoder(EventEncoder events) {
    this.events = events;
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    Object[] arguments = event.getArgumentArray();
    String line = arguments != null && arguments.length == 1 && arguments[0] instanceof Transition
        ? events.encode((Transition) arguments[0])
        : event.getFormattedMessage();
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    out[bytes.length] = '\n';
    return out;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
