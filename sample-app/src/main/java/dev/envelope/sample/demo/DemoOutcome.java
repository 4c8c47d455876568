package dev.envelope.sample.demo;

/**
 * What the server answered to one scripted request.
 *
 * @param request the request sent
 * @param status the HTTP status received
 * @param body the response body received
 */
public record DemoOutcome(DemoRequest request, int status, String body) {

  /** Whether the status is the one the script expects. */
  public boolean asExpected() {
    return status == request.expectedStatus();
  }
}
