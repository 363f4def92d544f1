package org.peerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's ChromeDriver. Both paths are given explicitly so
 * that Selenium Manager never downloads a browser or a driver ({@code .ci/run} installs both).
 */
final class Chromium {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Chromium() {}

  /** A new browser with a profile of its own; {@link #quit} removes the profile again. */
  static WebDriver start() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "Debian's chromium and chromium-driver must be installed (%s, %s); .ci/run installs them: "
                + "apt-get install -y chromium chromium-driver",
            CHROMIUM, CHROMEDRIVER)
        .isTrue();
    try {
      Path profile = Files.createTempDirectory("peerflow-chromium-");
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .withLogFile(new File("target/chromedriver.log"))
          .build();
      ChromeOptions options = new ChromeOptions();
      org.openqa.selenium.logging.LoggingPreferences logs =
          new org.openqa.selenium.logging.LoggingPreferences();
      logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage",
          "--user-data-dir=" + profile,
          "--window-size=1400,1000");
      return new ProfiledChromeDriver(service, options, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void quit(WebDriver browser) {
    browser.quit();
    if (browser instanceof ProfiledChromeDriver profiled) {
      deleteRecursively(profiled.profile);
    }
  }

  static void screenshot(WebDriver browser, Path target) {
    try {
      Files.createDirectories(target.getParent());
      File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps what the browser showed when a step failed: a screenshot, the page and its address. */
  static void saveDiagnostics(WebDriver browser, String name) {
    try {
      screenshot(browser, SCREENSHOTS.resolve("failure-" + name + ".png"));
      Files.writeString(
          SCREENSHOTS.resolve("failure-" + name + ".html"),
          browser.getPageSource(),
          StandardCharsets.UTF_8);
      Files.writeString(
          SCREENSHOTS.resolve("failure-" + name + ".url"),
          browser.getCurrentUrl(),
          StandardCharsets.UTF_8);
      StringBuilder console = new StringBuilder();
      browser
          .manage()
          .logs()
          .get(org.openqa.selenium.logging.LogType.BROWSER)
          .forEach(entry -> console
              .append(entry.getLevel())
              .append(' ')
              .append(entry.getMessage())
              .append('\n'));
      Files.writeString(
          SCREENSHOTS.resolve("failure-" + name + ".console"), console, StandardCharsets.UTF_8);
    } catch (RuntimeException | IOException e) {
      System.err.println("Could not save the browser's state for diagnosis: " + e);
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      System.err.println("Could not remove the browser profile " + folder + ": " + e);
    }
  }

  private static final class ProfiledChromeDriver extends ChromeDriver {
    final Path profile;

    ProfiledChromeDriver(ChromeDriverService service, ChromeOptions options, Path profile) {
      super(service, options);
      this.profile = profile;
    }
  }
}
