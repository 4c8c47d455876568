package dev.envelope.agent.viewer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code /api/envelopes} is asked for: {@code operation} ({@code <service>.<operation>} or the
 * bare operation), {@code tenant} ({@code caller.tenant_id}), {@code phase}, and {@code limit}. An
 * empty value filters nothing, as an HTML form sends an unset field.
 */
final class EnvelopeQuery {
  static final List<String> PARAMETERS = Arrays.asList("operation", "tenant", "phase", "limit");
  static final List<String> PHASES = Arrays.asList("admission", "resolved", "finalized", "failed");

  private final String operation;
  private final String tenant;
  private final String phase;
  private final int limit;

  EnvelopeQuery(String operation, String tenant, String phase, int limit) {
    this.operation = operation;
    this.tenant = tenant;
    this.phase = phase;
    this.limit = limit;
  }

  /**
   * Parses a raw query string ({@code null} for none); {@code maxLimit} is the ring's capacity.
   *
   * @throws IllegalArgumentException with a one-line message for the client, on an unknown or
   *     repeated parameter, a phase that is not one, or a limit that is not a whole number from 1
   */
  static EnvelopeQuery parse(String rawQuery, int maxLimit) {
    String operation = null;
    String tenant = null;
    String phase = null;
    int limit = maxLimit;
    Set<String> seen = new HashSet<>();
    for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1)).trim();
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException("unknown parameter '" + shorten(name) + "'; known: "
            + String.join(", ", PARAMETERS));
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("parameter '" + name + "' given more than once");
      }
      if (value.isEmpty()) {
        continue;
      }
      switch (name) {
        case "operation":
          operation = value;
          break;
        case "tenant":
          tenant = value;
          break;
        case "phase":
          if (!PHASES.contains(value)) {
            throw new IllegalArgumentException("phase '" + shorten(value) + "' is not one of "
                + String.join(", ", PHASES));
          }
          phase = value;
          break;
        default:
          limit = limit(value, maxLimit);
      }
    }
    return new EnvelopeQuery(operation, tenant, phase, limit);
  }

  private static int limit(String value, int maxLimit) {
    if (value.length() <= 9 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        // More than the ring holds would only ever return all of it.
        return Math.min(n, maxLimit);
      }
    }
    throw new IllegalArgumentException("limit '" + shorten(value)
        + "' is not a whole number from 1");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("query is not URL-encoded: " + shorten(s));
    }
  }

  /** Echoed back in a message: never a whole long value, never a line break. */
  private static String shorten(String s) {
    String one = s.replaceAll("[\\p{Cntrl}]", "?");
    return one.length() <= 40 ? one : one.substring(0, 40) + "...";
  }

  boolean matches(ViewedEnvelope e) {
    return (operation == null || operation.equals(e.operation())
            || operation.equals(e.qualifiedOperation()))
        && (tenant == null || tenant.equals(e.tenant()))
        && (phase == null || phase.equals(e.phase()));
  }

  /** Those of {@code newestFirst} that match, in the same order; {@link #limit} is the caller's. */
  List<ViewedEnvelope> matching(List<ViewedEnvelope> newestFirst) {
    List<ViewedEnvelope> out = new ArrayList<>();
    for (ViewedEnvelope e : newestFirst) {
      if (matches(e)) {
        out.add(e);
      }
    }
    return out;
  }

  int limit() {
    return limit;
  }
}
