package dev.envelope.agent.viewer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Guards a loopback viewer against DNS rebinding: a web page the operator visits could point its
 * own host name at 127.0.0.1 and read the API from the browser. Such a request carries that name
 * in {@code Host}, so only loopback names and addresses are answered. Parsed by hand: no name is
 * ever looked up.
 */
final class LoopbackHosts {
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern IPV6_LOOPBACK = Pattern.compile("(0{0,4}:){2,7}0{0,3}1");
  private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}");

  private LoopbackHosts() {}

  /** Whether a {@code Host} header value names this machine's loopback interface. */
  static boolean allowed(String hostHeader) {
    if (hostHeader == null) {
      // HTTP/1.0 clients may send none; a browser always does.
      return true;
    }
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      String rest = end < 0 ? "" : host.substring(end + 1);
      return end > 0 && (rest.isEmpty() || PORT.matcher(rest).matches())
          && IPV6_LOOPBACK.matcher(host.substring(1, end)).matches();
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      if (!PORT.matcher(host.substring(colon)).matches()) {
        return false;
      }
      host = host.substring(0, colon);
    }
    return host.equals("localhost") || host.equals("localhost.")
        || IPV4_LOOPBACK.matcher(host).matches();
  }
}
