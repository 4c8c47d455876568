package dev.envelope.sample.http;

/** A request refused by the HTTP layer itself, before admission, with the status to answer. */
final class HttpFailure extends RuntimeException {

  private final int status;

  HttpFailure(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
