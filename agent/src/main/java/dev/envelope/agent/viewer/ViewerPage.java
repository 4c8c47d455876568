package dev.envelope.agent.viewer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The viewer's one page ({@code viewer.html}, an agent resource) and the Content-Security-Policy
 * it is served with. The page's script and style are inline, so the policy allows exactly those
 * blocks by their SHA-256 hashes and nothing else: no other script, no inline handler, no
 * third-party request, even if request data ever reached the markup.
 */
final class ViewerPage {
  static final String RESOURCE = "viewer.html";
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  private final byte[] html;
  private final String contentSecurityPolicy;

  private ViewerPage(byte[] html, String contentSecurityPolicy) {
    this.html = html;
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  static ViewerPage load() throws IOException {
    try (InputStream in = ViewerPage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the agent jar");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes.write(buffer, 0, n);
      }
      byte[] html = bytes.toByteArray();
      return new ViewerPage(html, policyFor(new String(html, StandardCharsets.UTF_8)));
    }
  }

  static String policyFor(String html) {
    return "default-src 'none'; script-src " + hashes(SCRIPT, html) + "; style-src "
        + hashes(STYLE, html) + "; connect-src 'self'; img-src data:; base-uri 'none';"
        + " form-action 'none'; frame-ancestors 'none'";
  }

  private static String hashes(Pattern block, String html) {
    List<String> out = new ArrayList<>();
    Matcher m = block.matcher(html);
    while (m.find()) {
      out.add("'sha256-" + sha256(m.group(1)) + "'");
    }
    return out.isEmpty() ? "'none'" : String.join(" ", out);
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every JDK has SHA-256.
      throw new IllegalStateException(e);
    }
  }

  byte[] html() {
    return html.clone();
  }

  int length() {
    return html.length;
  }

  String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }
}
