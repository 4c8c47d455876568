package dev.envelope.agent.capture;

/** Turns Java property names and map keys into envelope keys. */
public final class KeyNames {
  private KeyNames() {}

  /**
   * {@code gpuCount → gpu_count}, {@code timeoutS → timeout_s}, {@code HTTPServer → http_server},
   * {@code X-Tenant → x_tenant}. Characters outside {@code [a-z0-9_]} become {@code _}, so a key
   * never contains the dot that joins levels.
   */
  public static String snakeCase(String name) {
    int n = Math.min(name.length(), CaptureLimits.MAX_KEY_LENGTH);
    StringBuilder out = new StringBuilder(n + 4);
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (i > 0 && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          char prev = name.charAt(i - 1);
          boolean nextLower = i + 1 < n && Character.isLowerCase(name.charAt(i + 1));
          if (Character.isLowerCase(prev) || Character.isDigit(prev)
              || (Character.isUpperCase(prev) && nextLower)) {
            out.append('_');
          }
        }
        out.append((char) (c + ('a' - 'A')));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '_') {
      end--;
    }
    out.setLength(end);
    return out.length() == 0 ? "_" : out.toString();
  }

  /** Each dot-separated segment of {@code path} in snake_case. */
  public static String snakePath(String path) {
    StringBuilder out = new StringBuilder(path.length() + 4);
    for (String segment : path.split("\\.")) {
      if (!segment.isEmpty()) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(snakeCase(segment));
      }
    }
    return out.toString();
  }

  /** {@code prefix.key}, or {@code key} when there is no prefix. */
  public static String join(String prefix, String key) {
    return prefix == null || prefix.isEmpty() ? key : prefix + "." + key;
  }
}
