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
import org.peerflow.accommodation.AccommodationWalk;
import org.peerflow.consent.ConsentWalk;
import org.peerflow.hiring.HiringWalk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Demo users work the real hiring process in the real Tasklist, with its Camunda Forms, in Debian's
 * headless Chromium driven by Debian's ChromeDriver: each sees only his own filters. Both paths are given explicitly so that Selenium
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
  void hrUserScreensAnApplicationWithItsCamundaFormInTheTasklist() throws IOException {
    ProcessInstance application = walk().apply(walk().openPosition("US-MA"));
    Task screening = taskService.createTaskQuery().processInstanceId(application.getId()).singleResult();

    inBrowser("harper", screening, (browser, wait) -> {
      assertThat(filterNames(browser, wait)).as("harper's filters").containsExactlyInAnyOrder("My tasks", "HR");
      claim(wait);
      option(browser, wait, "Yes — invite to interview");
      wait.until(ExpectedConditions.elementToBeClickable(field("Notes"))).sendKeys("Meets every posted qualification");
      screenshot(browser, SCREENSHOTS.resolve("tasklist-screening.png"));
      completeAndWait(browser, wait, screening);
    });

    assertThat(variable(application, "meetsPostedQualifications")).isEqualTo("yes");
    assertThat(variable(application, "screeningNotes")).isEqualTo("Meets every posted qualification");
    assertThat(historyService.createHistoricTaskInstanceQuery().taskId(screening.getId()).singleResult().getAssignee())
        .isEqualTo("harper");
  }

  @Test
  void aClaimThatCameTooLateSaysSoInTheTasklist() throws IOException {
    ProcessInstance application = walk().apply(walk().openPosition("US-MA"));
    Task screening = taskService.createTaskQuery().processInstanceId(application.getId()).singleResult();

    inBrowser("harper", screening, (browser, wait) -> {
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
      taskService.claim(screening.getId(), "hana"); // hana, in her own Tasklist, was faster
      browser.findElement(By.cssSelector("button.claim")).click();
      // harper is told in a sentence that someone else has the task; the task stays hana's
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notifications"),
          "is already claimed by someone else"));
      screenshot(browser, SCREENSHOTS.resolve("tasklist-late-claim.png"));
    });

    assertThat(taskService.createTaskQuery().taskId(screening.getId()).singleResult().getAssignee()).isEqualTo("hana");
  }

  @Test
  void supervisorInterviewsWithTheGuideThatAsksNothingAboutThePast() throws IOException {
    ProcessInstance application = walk().apply(walk().openPosition("US-MA"));
    walk().screen(application, "yes");
    Task interview = taskService.createTaskQuery().processInstanceId(application.getId())
        .taskDefinitionKey("Task_InterviewSupervisor").singleResult();

    inBrowser("sam", interview, (browser, wait) -> {
      assertThat(filterNames(browser, wait)).as("sam's filters").containsExactlyInAnyOrder("My tasks", "Supervisors");
      claim(wait);
      wait.until(ExpectedConditions.elementToBeClickable(field("Interview notes"))).sendKeys("Warm, clear on boundaries");
      option(browser, wait, "Strong fit");
      screenshot(browser, SCREENSHOTS.resolve("tasklist-form.png"));
      completeAndWait(browser, wait, interview);
    });

    assertThat(variable(application, "supervisorRecommendation")).isEqualTo("strong");
    assertThat(variable(application, "supervisorInterviewNotes")).isEqualTo("Warm, clear on boundaries");
  }

  @Test
  void supervisorSeesOnlyTheAccommodationToPutInPlace() throws IOException {
    AccommodationWalk walk = new AccommodationWalk(processEngine);
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "approve");
    ProcessInstance implementation = walk.child(request, "accommodation-implementation");
    Task implement = taskService.createTaskQuery().processInstanceId(implementation.getId()).singleResult();

    inBrowser("sam", implement, (browser, wait) -> {
      wait.until(ExpectedConditions.visibilityOfElementLocated(field("What to put in place")));
      wait.until(driver -> browser.findElement(field("What to put in place")).getAttribute("value")
          .contains("Start at 10:00 on Tuesdays and Thursdays"));
      String page = browser.findElement(By.cssSelector(".fjs-form")).getText();
      assertThat(page).as("what sam's form shows").doesNotContainIgnoringCase("diagnos")
          .doesNotContainIgnoringCase("limitation").doesNotContainIgnoringCase("medical");
      screenshot(browser, SCREENSHOTS.resolve("tasklist-accommodation.png"));
    });
  }

  @Test
  void clinicianConfirmsEveryDisclosureElementInTheTasklist() throws IOException {
    ConsentWalk walk = new ConsentWalk(processEngine);
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "capable-adult", false);
    walk.offerPeer(consent, true);
    Task disclose = taskService.createTaskQuery().processInstanceId(consent.getId())
        .taskDefinitionKey("Task_Disclose").singleResult();

    inBrowser("casey", disclose, (browser, wait) -> {
      assertThat(filterNames(browser, wait)).as("casey's filters").containsExactlyInAnyOrder("My tasks", "Clinicians");
      claim(wait);
      for (String element : List.of("The condition", "The proposed treatment", "Risks, side effects", "Alternatives, including no treatment",
          "The right to consent or refuse", "The right to withdraw consent", "Written information in everyday language")) {
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(field(element)));
        box.click();
        wait.until(driver -> box.isSelected());
      }
      WebElement material = wait.until(ExpectedConditions.elementToBeClickable(field("Which written information")));
      material.sendKeys("Olanzapine: what you need to know (plain language)");
      screenshot(browser, SCREENSHOTS.resolve("tasklist-consent.png"));
      completeAndWait(browser, wait, disclose);
    });

    assertThat(variable(consent, "disclosedRightToWithdraw")).isEqualTo(true);
    assertThat(variable(consent, "writtenMaterialGiven")).isEqualTo(true);
  }

  interface BrowserSteps {
    void run(WebDriver browser, WebDriverWait wait) throws IOException;
  }

  /** Logs {@code user} (password = user id) into the Tasklist at the task's deep link and runs the steps. */
  private void inBrowser(String user, Task task, BrowserSteps steps) throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("Debian's chromium and chromium-driver must be installed (%s, %s); .ci/run installs them: "
            + "apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER)
        .isTrue();
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
          .sendKeys(user);
      browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(user);
      browser.findElement(By.cssSelector("form button[type='submit']")).click();
      steps.run(browser, wait);
    } catch (RuntimeException | AssertionError e) {
      saveDiagnostics(browser, user);
      throw e;
    } finally {
      browser.quit();
      deleteRecursively(profile);
    }
  }

  /** Claims the open task with the Tasklist's Claim button and waits until the form is the user's. */
  private static void claim(WebDriverWait wait) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
  }

  private static List<String> filterNames(WebDriver browser, WebDriverWait wait) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-tasklist-filters] .item")));
    return browser.findElements(By.cssSelector("[cam-tasklist-filters] .item .name")).stream()
        .map(WebElement::getText)
        .map(name -> name.replaceAll("\\s*\\(?\\d+\\)?\\s*$", "").trim()) // a filter may show its task count
        .filter(name -> !name.isEmpty()).toList();
  }

  /** Clicks the radio option (form-js renders it as a label around the input). */
  private static void option(WebDriver browser, WebDriverWait wait, String label) {
    WebElement option = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//label[contains(@class,'fjs-form-field-label')][normalize-space()='" + label + "']")));
    option.click();
    wait.until(driver -> browser.findElement(By.id(option.getAttribute("for"))).isSelected());
  }

  private void completeAndWait(WebDriver browser, WebDriverWait wait, Task task) {
    WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']")));
    // a long form puts the button under the Tasklist's footer
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete)).click();
    new FluentWait<>(historyService).withTimeout(WAIT).pollingEvery(Duration.ofMillis(200))
        .withMessage("the task to be completed")
        .until(history -> completed(history, task.getId()));
  }

  private HiringWalk walk() {
    return new HiringWalk(processEngine);
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

  private static void saveDiagnostics(WebDriver browser, String user) {
    try {
      screenshot(browser, SCREENSHOTS.resolve("tasklist-failure-" + user + ".png"));
      Files.writeString(SCREENSHOTS.resolve("tasklist-failure-" + user + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
      Object log = ((JavascriptExecutor) browser).executeScript("return document.location.href");
      Files.writeString(SCREENSHOTS.resolve("tasklist-failure-" + user + ".url"), String.valueOf(log), StandardCharsets.UTF_8);
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
