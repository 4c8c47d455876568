package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envelope.it.support.Events;
import dev.envelope.it.support.ForkedJvm;
import dev.envelope.it.support.SeleniumChromium;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live envelope view end to end: the sample backend runs its demo with the agent's viewer on
 * ({@code --demo --stay}, so it keeps serving), and a real headless Chromium, driven by Selenium
 * through Debian's chromedriver, checks that the page shows exactly the envelopes the events file
 * holds, highlights a narrowed grant, shows a failure's stage and reason, links each trace through
 * the configured template, and that its filters (and {@code /api/envelopes} with the same query)
 * narrow the list to what the events file says. A screenshot of the page is kept.
 */
class ViewerIT {
  static final String TRACE_URL = "http://localhost:16686/trace/{trace_id}";
  static final Duration WAIT = Duration.ofSeconds(30);
  /** The secrets the demo sends: bearer tokens (as caller.session_token) and a transfer credential. */
  static final List<String> DEMO_SECRETS = List.of("demo-token", "svc-token", "bob-token",
      "demo-source-credential-not-a-secret");

  static Path dir;
  static ForkedJvm app;
  static String viewerUrl;
  /** The last event of each envelope the demo made, in admission order. */
  static List<JsonNode> envelopes;
  static ChromeDriver browser;

  @BeforeAll
  static void runTheDemoWithTheViewer() throws Exception {
    dir = ForkedJvm.newWorkDir("viewer");
    app = ForkedJvm.builder(dir)
        .withAgent("viewer.port=0,viewer.trace_url=" + TRACE_URL)
        .jar(ForkedJvm.sampleJar()).args("--demo", "--stay").start();
    app.awaitStdout("demo done; still serving on http://127\\.0\\.0\\.1:\\d+", Duration.ofSeconds(120));
    assertThat(app.stdout()).contains("all as expected");
    viewerUrl = "http://127.0.0.1:" + viewerPort() + "/";
    envelopes = awaitAllRecorded();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  /** The port of the one line the agent prints when the viewer is up. */
  static int viewerPort() throws Exception {
    Pattern line = Pattern.compile("^\\[envelope-agent\\] INFO envelope viewer at http://127\\.0\\.0\\.1:(\\d+)/$",
        Pattern.MULTILINE);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = line.matcher(app.stderr());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no viewer line on stderr:\n" + app.stderr());
  }

  /**
   * Waits until every admitted envelope's terminal event is in the file and the viewer keeps as
   * many envelopes: the last transitions are recorded just after the demo's last answer.
   */
  static List<JsonNode> awaitAllRecorded() throws Exception {
    Path file = dir.resolve("envelope-events.jsonl");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      if (Files.exists(file)) {
        Events events = Events.readAfterCrash(file);
        boolean allEnded = events.sequences().stream()
            .allMatch(s -> s.get(s.size() - 1).matches("envelope\\.(finalized|failed)"));
        if (allEnded && api("").get("kept").asInt() == events.byEnvelope().size()) {
          return Events.read(file).byEnvelope().values().stream()
              .map(es -> es.get(es.size() - 1)).collect(Collectors.toList());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the demo's envelopes did not all end within " + WAIT);
      }
      Thread.sleep(100);
    }
  }

  static JsonNode api(String query) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(viewerUrl + "api/envelopes" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Events.parse(r.body());
  }

  static String operationOf(JsonNode event) {
    return event.at("/envelope/execution/service").asText() + "."
        + event.at("/envelope/execution/operation").asText();
  }

  /** Ids of the demo's envelopes that {@code which} selects, newest first as the page lists them. */
  static List<String> expectedIds(Predicate<JsonNode> which) {
    List<String> ids = envelopes.stream().filter(which).map(e -> e.get("envelope_id").asText())
        .collect(Collectors.toList());
    Collections.reverse(ids);
    return ids;
  }

  static WebDriver page() {
    SeleniumChromium.assumeInstalled("ViewerIT");
    if (browser == null) {
      try {
        browser = SeleniumChromium.start(Files.createTempDirectory(dir, "chromium-"), 1400, 1200);
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
    browser.get(viewerUrl);
    awaitLoaded("");
    return browser;
  }

  /** Waits until the page has rendered the answer to {@code query} (its {@code data-loaded}). */
  static void awaitLoaded(String query) {
    new WebDriverWait(browser, WAIT).withMessage(() -> "page never loaded '" + query + "'")
        .until(d -> query.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
  }

  static List<WebElement> cards() {
    return browser.findElements(By.cssSelector("[data-testid=envelope]"));
  }

  static List<String> shownIds() {
    return cards().stream().map(c -> c.getDomAttribute("data-envelope-id")).collect(Collectors.toList());
  }

  static WebElement card(String envelopeId) {
    return browser.findElement(By.cssSelector("[data-testid=envelope][data-envelope-id='" + envelopeId + "']"));
  }

  static List<String> apiIds(String query) throws Exception {
    List<String> ids = new ArrayList<>();
    api(query).get("envelopes").forEach(e -> ids.add(e.get("envelope_id").asText()));
    return ids;
  }

  @Test
  void theAgentSaysWhereTheViewerIsAndNothingElse() throws Exception {
    assertThat(app.agentDiagnostics()).containsExactly(
        "[envelope-agent] INFO envelope viewer at " + viewerUrl);
  }

  @Test
  void thePageShowsExactlyTheDemosEnvelopesNewestFirst() {
    page();
    assertThat(envelopes).hasSizeGreaterThan(10);
    assertThat(shownIds()).containsExactlyElementsOf(expectedIds(e -> true));
    assertThat(browser.findElement(By.id("status")).getText())
        .startsWith(envelopes.size() + " shown");
    for (JsonNode e : envelopes) {
      WebElement card = card(e.get("envelope_id").asText());
      assertThat(card.getDomAttribute("data-phase")).isEqualTo(e.get("phase").asText());
      assertThat(card.findElement(By.cssSelector(".badge")).getText()).isEqualTo(e.get("phase").asText());
      assertThat(card.findElement(By.cssSelector(".operation")).getText()).isEqualTo(operationOf(e));
      assertThat(card.findElement(By.cssSelector(".tenant")).getText())
          .isEqualTo(e.at("/envelope/caller/tenant_id").asText());
      assertThat(card.findElements(By.cssSelector("[data-testid=timeline] li")))
          .extracting(li -> li.getDomAttribute("data-phase"))
          .containsExactlyElementsOf(timelinePhases(e));
    }
  }

  static List<String> timelinePhases(JsonNode e) {
    List<String> phases = new ArrayList<>();
    e.at("/envelope/timeline").fieldNames().forEachRemaining(n -> phases.add(n.replace("_at", "")));
    return phases;
  }

  @Test
  void aNarrowedGrantIsHighlightedAndAGrantInFullIsNot() {
    page();
    JsonNode narrowed = envelopes.stream()
        .filter(e -> e.at("/envelope/requested/gpu_count").asDouble() == 4
            && e.at("/envelope/granted/gpu_count").asDouble() == 2)
        .findFirst().orElseThrow(() -> new AssertionError("no 4 -> 2 GPU grant in the demo"));
    WebElement row = card(narrowed.get("envelope_id").asText())
        .findElement(By.cssSelector("tr[data-key=gpu_count]"));
    assertThat(row.findElement(By.cssSelector("td.requested")).getText()).isEqualTo("4");
    WebElement granted = row.findElement(By.cssSelector("td.granted"));
    assertThat(granted.getText()).contains("2");
    assertThat(granted.getDomAttribute("class").split(" ")).contains("narrowed");
    assertThat(granted.getCssValue("background-color")).as("highlighted")
        .isNotEqualTo("rgba(0, 0, 0, 0)");
    assertThat(card(narrowed.get("envelope_id").asText())
        .findElement(By.cssSelector("[data-testid=resolution] [data-key=node] .v")).getText())
        .isEqualTo(narrowed.at("/envelope/resolution/node").asText());

    JsonNode inFull = envelopes.stream()
        .filter(e -> e.at("/envelope/requested/gpu_count").asDouble() == 1
            && e.at("/envelope/granted/gpu_count").asDouble() == 1)
        .findFirst().orElseThrow(() -> new AssertionError("no 1 -> 1 GPU grant in the demo"));
    WebElement same = card(inFull.get("envelope_id").asText())
        .findElement(By.cssSelector("tr[data-key=gpu_count] td.granted"));
    assertThat(same.getDomAttribute("class").split(" ")).doesNotContain("narrowed", "differs");
    assertThat(same.getCssValue("background-color")).isEqualTo("rgba(0, 0, 0, 0)");
  }

  @Test
  void aFailedEnvelopeShowsItsStageTypeAndReason() {
    page();
    List<JsonNode> failed = envelopes.stream().filter(e -> e.get("phase").asText().equals("failed"))
        .collect(Collectors.toList());
    assertThat(failed).isNotEmpty();
    for (JsonNode e : failed) {
      WebElement failure = card(e.get("envelope_id").asText())
          .findElement(By.cssSelector("[data-testid=failure]"));
      assertThat(failure.findElement(By.cssSelector(".stage")).getText())
          .isEqualTo(e.at("/envelope/failure/stage").asText());
      assertThat(failure.findElement(By.cssSelector(".error-type")).getText())
          .isEqualTo(e.at("/envelope/failure/error_type").asText());
      assertThat(failure.findElement(By.cssSelector(".reason")).getText())
          .isEqualTo(e.at("/envelope/failure/reason").asText());
    }
    JsonNode finalized = envelopes.stream().filter(e -> e.get("phase").asText().equals("finalized"))
        .findFirst().orElseThrow();
    assertThat(card(finalized.get("envelope_id").asText())
        .findElements(By.cssSelector("[data-testid=failure]"))).isEmpty();
  }

  @Test
  void eachTraceLinkIsTheTemplateWithThatEnvelopesTraceId() {
    page();
    for (JsonNode e : envelopes) {
      String traceId = e.get("trace_id").asText();
      assertThat(traceId).matches("[0-9a-f]{32}");
      WebElement link = card(e.get("envelope_id").asText())
          .findElement(By.cssSelector("a[data-testid=trace-link]"));
      assertThat(link.getDomAttribute("href"))
          .isEqualTo(TRACE_URL.replace("{trace_id}", traceId));
      assertThat(link.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
    }
  }

  @Test
  void filtersByOperationTenantAndPhaseAgreeWithTheEventsFileAndTheApi() throws Exception {
    Map<String, Predicate<JsonNode>> byFilter = Map.of(
        "operation=serving.deploy_model", e -> operationOf(e).equals("serving.deploy_model"),
        "tenant=globex", e -> e.at("/envelope/caller/tenant_id").asText().equals("globex"),
        "phase=failed", e -> e.get("phase").asText().equals("failed"));
    for (Map.Entry<String, Predicate<JsonNode>> f : byFilter.entrySet()) {
      page();
      String name = f.getKey().substring(0, f.getKey().indexOf('='));
      String value = f.getKey().substring(f.getKey().indexOf('=') + 1);
      List<String> expected = expectedIds(f.getValue());
      assertThat(expected).as(f.getKey()).isNotEmpty().hasSizeLessThan(envelopes.size());
      new Select(browser.findElement(By.id("filter-" + name))).selectByValue(value);
      awaitLoaded(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      assertThat(shownIds()).as("page, " + f.getKey()).containsExactlyElementsOf(expected);
      assertThat(apiIds("?" + f.getKey())).as("API, " + f.getKey()).containsExactlyElementsOf(expected);
    }
    assertThat(apiIds("?operation=deploy_model"))
        .containsExactlyElementsOf(expectedIds(e -> operationOf(e).equals("serving.deploy_model")));
    assertThat(apiIds("?tenant=acme&phase=finalized")).containsExactlyElementsOf(expectedIds(
        e -> e.at("/envelope/caller/tenant_id").asText().equals("acme")
            && e.get("phase").asText().equals("finalized")));
  }

  @Test
  void noRedactedSecretReachesThePageOrTheApi() throws Exception {
    page();
    String source = browser.getPageSource();
    String api = api("").toString();
    assertThat(api).contains("\"session_token\":\"[REDACTED]\"");
    assertThat(source).contains("caller.session_token");
    for (String secret : DEMO_SECRETS) {
      assertThat(source).as("page").doesNotContain(secret);
      assertThat(api).as("API").doesNotContain(secret);
    }
  }

  @Test
  void theViewersOwnRequestsMakeNoEnvelopeAndNoSpan() throws Exception {
    page();
    browser.findElement(By.id("refresh")).click();
    api("?phase=failed");
    api("?limit=1");
    // The page polls every 2 s: give it a few rounds against the instrumented JDK HTTP server.
    Thread.sleep(4_500);
    Events events = Events.read(dir.resolve("envelope-events.jsonl"));
    assertThat(events.byEnvelope()).hasSize(envelopes.size());
    assertThat(app.stdout().lines().filter(l -> l.startsWith("[envelope-agent] span {")))
        .as("one span per envelope, none for the viewer").hasSize(envelopes.size());
    assertThat(api("").get("kept").asInt()).isEqualTo(envelopes.size());
  }

  @Test
  void aScreenshotOfAcmesDeployEnvelopesIsKept() throws Exception {
    page();
    new Select(browser.findElement(By.id("filter-operation"))).selectByValue("serving.deploy_model");
    awaitLoaded("operation=serving.deploy_model");
    new Select(browser.findElement(By.id("filter-tenant"))).selectByValue("acme");
    awaitLoaded("operation=serving.deploy_model&tenant=acme");
    // Its failures come first, the narrowed grants right after them.
    assertThat(browser.findElements(By.cssSelector("td.granted.narrowed"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("[data-testid=failure]"))).isNotEmpty();
    Path screenshot = Paths.get(System.getProperty("envelope.it.viewerScreenshot",
        "target/viewer.png")).toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
    assertThat(Files.size(screenshot)).as("a rendered page, not a blank one").isGreaterThan(20_000);
    System.out.println("[ViewerIT] screenshot of " + viewerUrl + " in " + screenshot);
  }

  @Test
  void theDemoWithTheViewerStillExitsByItself() throws Exception {
    Path exits = ForkedJvm.newWorkDir("viewer-exit");
    try (ForkedJvm jvm = ForkedJvm.builder(exits).withAgent("viewer.port=0")
        .jar(ForkedJvm.sampleJar()).args("--demo").start()) {
      assertThat(jvm.awaitExit(Duration.ofSeconds(120))).as(jvm.stderr()).isZero();
      assertThat(jvm.agentDiagnostics()).singleElement().asString()
          .matches("\\[envelope-agent\\] INFO envelope viewer at http://127\\.0\\.0\\.1:\\d+/");
    }
  }
}
