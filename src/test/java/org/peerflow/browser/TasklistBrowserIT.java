package org.peerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An HR user completes a task with a Camunda Form in the real Tasklist, in Debian's headless
 * Chromium driven by Debian's ChromeDriver. Both paths are given explicitly so that Selenium
 * Manager never downloads a browser or a driver ({@code .ci/run} installs both).
 */
class TasklistBrowserIT extends IntegrationTestBase {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;

  @Test
  void hrUserClaimsFillsAndCompletesATaskFormInTheTasklist() throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("Debian's chromium and chromium-driver must be installed (%s, %s); .ci/run installs them: "
            + "apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER)
        .isTrue();
    for (String stale : List.of("tasklist-failure.png", "tasklist-failure.html", "tasklist-failure.url")) {
      Files.deleteIfExists(SCREENSHOTS.resolve(stale));
    }
    ensureHrUserHarperMayUseTheTasklist();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("browser-review", "browser-it-1");
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    Path profile = Files.createTempDirectory("peerflow-chromium-");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(new File("target/chromedriver.log"))
        .build();
    WebDriver browser = new ChromeDriver(service, options(profile));
    try {
      WebDriverWait wait = new WebDriverWait(browser, WAIT);

      browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.getId());
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
          .sendKeys("harper");
      browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("harper");
      browser.findElement(By.cssSelector("form button[type='submit']")).click();

      // the task opens in the deep link once logged in; harper is a candidate (group hr)
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));

      WebElement note = wait.until(ExpectedConditions.elementToBeClickable(field("Review note")));
      note.sendKeys("Strong lived-experience statement");

      // form-js draws its own drop-down over a hidden input
      browser.findElement(By.id(browser.findElement(field("Outcome")).getAttribute("id") + "-display")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
          "//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='Invite to interview']"))).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector(".fjs-form-field-select"), "Invite to interview"));

      WebElement confirmed = browser.findElement(field("I reviewed the whole application"));
      confirmed.click();
      wait.until(driver -> confirmed.isSelected());

      screenshot(browser, SCREENSHOTS.resolve("tasklist-form.png"));

      WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(
          By.cssSelector("button[ng-click='complete()']")));
      complete.click();

      new FluentWait<>(historyService).withTimeout(WAIT).pollingEvery(Duration.ofMillis(200))
          .withMessage("the task to be completed")
          .until(history -> completed(history, task.getId()));
    } catch (RuntimeException | AssertionError e) {
      saveDiagnostics(browser);
      throw e;
    } finally {
      browser.quit();
      deleteRecursively(profile);
    }

    HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult();
    assertThat(done.getAssignee()).isEqualTo("harper");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getState()).isEqualTo("COMPLETED");
    assertThat(variable(instance, "reviewNote")).isEqualTo("Strong lived-experience statement");
    assertThat(variable(instance, "reviewOutcome")).isEqualTo("invite");
    assertThat(variable(instance, "reviewConfirmed")).isEqualTo(true);
  }

  static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
        "--window-size=1400,1000");
    return options;
  }

  /** The input a form-js field's label points at (a required field's label ends with "*"). */
  static By field(String label) {
    return By.xpath("//*[@id=//label[starts-with(normalize-space(), '" + label + "')]/@for]");
  }

  /** Until the identity feature creates the demo users, the test brings its own HR user. */
  private void ensureHrUserHarperMayUseTheTasklist() {
    if (identityService.createGroupQuery().groupId("hr").count() == 0) {
      Group hr = identityService.newGroup("hr");
      hr.setName("HR");
      hr.setType("WORKFLOW");
      identityService.saveGroup(hr);
    }
    if (identityService.createUserQuery().userId("harper").count() == 0) {
      User harper = identityService.newUser("harper");
      harper.setFirstName("Harper");
      harper.setLastName("Test");
      harper.setEmail("harper@peerflow.example");
      harper.setPassword("harper");
      identityService.saveUser(harper);
    }
    if (identityService.createUserQuery().userId("harper").memberOfGroup("hr").count() == 0) {
      identityService.createMembership("harper", "hr");
    }
    if (!authorizationService.isUserAuthorized("harper", List.of("hr"), Permissions.ACCESS,
        Resources.APPLICATION, "tasklist")) {
      Authorization access = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      access.setGroupId("hr");
      access.setResource(Resources.APPLICATION);
      access.setResourceId("tasklist");
      access.addPermission(Permissions.ACCESS);
      authorizationService.saveAuthorization(access);
    }
  }

  private static boolean completed(HistoryService history, String taskId) {
    HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    return task != null && task.getEndTime() != null;
  }

  private Object variable(ProcessInstance instance, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }

  private static void screenshot(WebDriver browser, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void saveDiagnostics(WebDriver browser) {
    try {
      screenshot(browser, SCREENSHOTS.resolve("tasklist-failure.png"));
      Files.writeString(SCREENSHOTS.resolve("tasklist-failure.html"), browser.getPageSource(), StandardCharsets.UTF_8);
      Object log = ((JavascriptExecutor) browser).executeScript("return document.location.href");
      Files.writeString(SCREENSHOTS.resolve("tasklist-failure.url"), String.valueOf(log), StandardCharsets.UTF_8);
    } catch (RuntimeException | IOException e) {
      System.err.println("Could not save the browser's state for diagnosis: " + e);
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
