package dev.envelope.agent.viewer;

import dev.envelope.agent.model.Envelope;
import dev.envelope.agent.model.Family;

/**
 * The latest snapshot of one envelope as the viewer keeps it: its event line, already redacted and
 * cut, and the few fields the filters look at, read once when it is recorded.
 */
final class ViewedEnvelope {
  private final String id;
  private final int seq;
  private final String phase;
  private final String service;
  private final String operation;
  private final String tenant;
  private final String line;

  ViewedEnvelope(String id, int seq, String phase, String service, String operation,
      String tenant, String line) {
    this.id = id;
    this.seq = seq;
    this.phase = phase;
    this.service = service;
    this.operation = operation;
    this.tenant = tenant;
    this.line = line;
  }

  static ViewedEnvelope of(Envelope e, int seq, String line) {
    return new ViewedEnvelope(e.id(), seq, e.phase().wireName(),
        text(e.family(Family.EXECUTION).get("service")),
        text(e.family(Family.EXECUTION).get("operation")),
        text(e.family(Family.CALLER).get("tenant_id")), line);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  String id() {
    return id;
  }

  int seq() {
    return seq;
  }

  String phase() {
    return phase;
  }

  String service() {
    return service;
  }

  String operation() {
    return operation;
  }

  /** {@code <service>.<operation>}, as span names and the page show it. */
  String qualifiedOperation() {
    return service == null ? operation : service + "." + operation;
  }

  /** {@code caller.tenant_id}, or {@code null}. */
  String tenant() {
    return tenant;
  }

  /** The event line of the latest transition (SPEC §5), as the events file has it. */
  String line() {
    return line;
  }
}
