package dev.envelope.agent.lifecycle;

import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.model.Failure;
import dev.envelope.agent.model.FailureStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns the application's exception into a {@link Failure}: type, and a cut, scrubbed reason. */
final class FailureDescriber {
  private final Redactor redactor;
  private final int maxReasonLength;

  FailureDescriber(Redactor redactor, int maxReasonLength) {
    this.redactor = redactor;
    this.maxReasonLength = maxReasonLength;
  }

  Failure describe(FailureStage stage, Throwable error) {
    String message;
    try {
      message = error.getMessage();
    } catch (Throwable t) {
      message = null; // a getMessage() that throws tells us nothing
    }
    String reason = message == null ? "" : redactor.scrub(message);
    if (reason.length() > maxReasonLength) {
      reason = reason.substring(0, maxReasonLength);
    }
    return Failure.of(stage, error.getClass().getName(), reason);
  }

  /** The cause a {@code CompletionStage} failed with, without the wrappers it adds. */
  static Throwable unwrap(Throwable t) {
    Throwable current = t;
    int hops = 0;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null && hops++ < 8) {
      current = current.getCause();
    }
    return current;
  }

  /** Whether {@code error} is {@code origin} or was caused by it. */
  static boolean causedBy(Throwable error, Throwable origin) {
    Throwable current = error;
    for (int hops = 0; current != null && hops < 16; hops++) {
      if (current == origin) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }
}
