package dev.envelope.sample.http;

/**
 * Reads boolean flags such as {@code ?force=true} from a raw query. Only {@code true} and {@code
 * false} are accepted, so a typo is refused rather than read as either.
 */
final class QueryFlags {

  private QueryFlags() {}

  /**
   * The flag {@code name} of {@code rawQuery}; {@code false} when absent.
   *
   * @throws HttpFailure {@code 400} when it is given with another value or more than once
   */
  static boolean flag(String rawQuery, String name) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return false;
    }
    String value = null;
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (!key.equals(name)) {
        continue;
      }
      if (value != null) {
        throw new HttpFailure(400, name + " must be given at most once");
      }
      value = eq < 0 ? "" : pair.substring(eq + 1);
    }
    if (value == null) {
      return false;
    }
    if (value.equals("true") || value.equals("false")) {
      return value.equals("true");
    }
    throw new HttpFailure(400, name + " must be true or false");
  }
}
