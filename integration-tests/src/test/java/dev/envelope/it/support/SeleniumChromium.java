package dev.envelope.it.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless {@code chromium} driven through Debian's {@code chromedriver} with Selenium.
 * Both paths are given, so Selenium Manager never looks for (or downloads) a browser or driver.
 */
public final class SeleniumChromium {
  public static final Path BROWSER = Paths.get("/usr/bin/chromium");
  public static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
  /** Set in CI: a missing browser fails the test instead of skipping it. */
  public static final String REQUIRE = "ENVELOPE_REQUIRE_BROWSER";

  private SeleniumChromium() {}

  public static boolean installed() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /**
   * Skips the calling test when chromium or chromedriver is missing, with the reason on stdout;
   * fails it instead when {@value #REQUIRE}=1.
   */
  public static void assumeInstalled(String test) {
    if (installed()) {
      return;
    }
    String why = BROWSER + " or " + DRIVER + " not found: " + test + " needs a real browser"
        + " (apt-get install chromium chromium-driver)";
    if ("1".equals(System.getenv(REQUIRE))) {
      throw new AssertionError(why + "; " + REQUIRE + "=1 makes that a failure");
    }
    System.out.println("[" + test + "] skipped: " + why);
    Assumptions.abort(why);
  }

  /** A fresh headless browser of {@code width} x {@code height} with its own profile. */
  public static ChromeDriver start(Path profile, int width, int height) {
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER.toString()))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }
}
