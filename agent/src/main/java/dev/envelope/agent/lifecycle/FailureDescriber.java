package dev.envelope.agent.lifecycle;

import dev.envelope.agent.capture.Redactor;
import dev.envelope.agent.capture.SecretValues;
import dev.envelope.agent.model.Failure;
import dev.envelope.agent.model.FailureStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns the application's exception into a {@link Failure}: type, and a cut, scrubbed reason. */
final class FailureDescriber {
  private final Redactor redactor;
  private final int maxReasonLength;
  private final int maxScrubbedLength;

  FailureDescriber(Redactor redactor, int maxReasonLength) {
    this.redactor = redactor;
    this.maxReasonLength = maxReasonLength;
    this.maxScrubbedLength = Math.max(4096, maxReasonLength * 16);
  }

  Failure describe(FailureStage stage, Throwable error) {
    return describe(stage, error, null);
  }

  /**
   * @param secrets fingerprints of the secrets this envelope was handed, or {@code null}: a message
   *     that repeats one loses it even where nothing marks it as a credential
   */
  Failure describe(FailureStage stage, Throwable error, SecretValues secrets) {
    String message;
    try {
      message = error.getMessage();
    } catch (Throwable t) {
      message = null; // a getMessage() that throws tells us nothing
    }
    return Failure.of(stage, error.getClass().getName(), reason(message, secrets));
  }

  /**
   * Scrubbed before it is cut, so a cut never leaves half a credential that no longer looks like
   * one; the scrub itself only reads a bounded head, since a reason keeps only its first chars.
   */
  private String reason(String message, SecretValues secrets) {
    if (message == null) {
      return "";
    }
    String head = message.length() > maxScrubbedLength
        ? message.substring(0, maxScrubbedLength) : message;
    if (secrets != null) {
      head = secrets.scrub(head);
    }
    String reason = redactor.scrub(head);
    return reason.length() > maxReasonLength ? reason.substring(0, maxReasonLength) : reason;
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
