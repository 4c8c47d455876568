package dev.envelope.agent.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ViewerPageTest {

  private static String html() throws Exception {
    return new String(ViewerPage.load().html(), StandardCharsets.UTF_8);
  }

  @Test
  void thePageNeverTurnsDataIntoMarkup() throws Exception {
    String html = html();
    // Request data reaches the page through textContent and DOM properties only.
    assertThat(html).doesNotContain("innerHTML").doesNotContain("outerHTML")
        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write")
        .doesNotContain("eval(").doesNotContain("new Function").doesNotContain("setAttribute('on")
        .doesNotContain(" onclick=").doesNotContain(" onchange=").doesNotContain(" style=");
    assertThat(html).contains("textContent");
  }

  @Test
  void thePageLoadsNothingFromElsewhere() throws Exception {
    String html = html();
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//")
        .doesNotContain("@import").doesNotContain("url(");
    assertThat(html).contains("fetch('api/envelopes'");
  }

  @Test
  void thePolicyAllowsExactlyTheInlineScriptAndStyle() throws Exception {
    String html = html();
    String policy = ViewerPage.load().contentSecurityPolicy();
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(script.find()).isTrue();
    assertThat(policy).contains("script-src 'sha256-" + sha256(script.group(1)) + "';");
    assertThat(script.find()).as("one script").isFalse();
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
    assertThat(style.find()).isTrue();
    assertThat(policy).contains("style-src 'sha256-" + sha256(style.group(1)) + "';");
    assertThat(policy).startsWith("default-src 'none';").doesNotContain("unsafe-inline");
  }

  @Test
  void aPageWithoutScriptGetsNone() {
    assertThat(ViewerPage.policyFor("<p>x</p>")).contains("script-src 'none';")
        .contains("style-src 'none';");
  }

  private static String sha256(String s) throws Exception {
    return Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
