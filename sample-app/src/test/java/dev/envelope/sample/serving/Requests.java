package dev.envelope.sample.serving;

import java.math.BigDecimal;

/** Builds requests for tests: only the fields placement and validation look at most. */
final class Requests {

  private Requests() {}

  static DeployModelRequest ask(String engine, String gpus, String location) {
    return new DeployModelRequest("llama-3.1-8b-instruct", engine,
        gpus == null ? null : new BigDecimal(gpus), null, null, location, null, null, null);
  }

  static RequestContext caller(String role) {
    return new RequestContext("urn:user:test", "acme", "req-test", role, "secret-token");
  }
}
