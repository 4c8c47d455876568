package dev.envelope.annotations;

/**
 * Thrown instead of running an {@link ExecutionAdmission} method when the agent runs in strict
 * audit mode ({@code envelope.events.strict=true}) and the admission's {@code admitted} record
 * could not be written to the events file. The method body did not run. Never thrown otherwise:
 * without the agent, or without strict mode, admissions always run.
 *
 * <p>A service that opts into strict mode typically answers such a request with "503 Service
 * Unavailable": it was not refused on its merits, only because it could not be audited.
 */
public class AdmissionNotRecordedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AdmissionNotRecordedException(String message) {
    super(message);
  }
}
