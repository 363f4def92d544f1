package org.peerflow.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One user logged in to the Tasklist in a browser of his own, doing what a person does there. */
public final class TasklistUser implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(30);

  private static final By FORM = By.cssSelector(".fjs-form");
  private static final By CLAIM = By.cssSelector("button.claim");
  private static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");
  private static final By START =
      By.cssSelector(".modal-footer button[ng-click='startProcessInstance()']");
  private static final By ERROR = By.cssSelector(
      ".notifications .alert-danger, .notifications .alert-error, .alert-danger .message");

  final String id;
  private final WebDriver browser;
  private final WebDriverWait wait;

  private TasklistUser(String id, WebDriver browser) {
    this.id = id;
    this.browser = browser;
    this.wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class); // the Tasklist re-renders as it loads
  }

  /** Logs a demo user in (password = user id) and waits for the filters. */
  public static TasklistUser login(String id, int port) {
    return login(id, id, port);
  }

  /** Logs in with the user's password and waits for the filters. */
  public static TasklistUser login(String id, String password, int port) {
    WebDriver browser = Chromium.start();
    TasklistUser user = new TasklistUser(id, browser);
    try {
      browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
      WebElement name = user.wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("input[ng-model='username']")));
      WebElement secret = browser.findElement(By.cssSelector("input[ng-model='password']"));
      // the login page moves the focus to the user name once it has loaded (autofocus): keys typed
      // meanwhile can land in the wrong field, so type until both fields hold what was meant
      for (int attempt = 0;
          attempt < 3
              && !(id.equals(name.getAttribute("value"))
                  && password.equals(secret.getAttribute("value")));
          attempt++) {
        name.clear();
        name.sendKeys(id);
        secret.clear();
        secret.sendKeys(password);
      }
      browser.findElement(By.cssSelector("form button[type='submit']")).click();
      user.wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("[cam-tasklist-filters] .item")));
      return user;
    } catch (RuntimeException | AssertionError e) {
      user.failed("login");
      user.close();
      throw e;
    }
  }

  /** Loads the Tasklist again, as a user who logs in now sees it. */
  void reload() {
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[cam-tasklist-filters] .item")));
  }

  /** The filters in the order the Tasklist shows them, each with its count where it shows one. */
  public List<String> filters() {
    wait.until(driver -> !driver
        .findElements(By.cssSelector("[cam-tasklist-filters] .item .name"))
        .isEmpty());
    return texts(By.cssSelector("[cam-tasklist-filters] .item"));
  }

  /** Names of the tasks the list shows for the filter the Tasklist opened on. */
  public List<String> listedTasks() {
    return texts(By.cssSelector("ol.tasks-list li.task h4.task a"));
  }

  /** The texts of the elements; read again when the Tasklist redraws the list while it is read. */
  private List<String> texts(By elements) {
    for (int attempt = 1; ; attempt++) {
      try {
        return browser.findElements(elements).stream()
            .map(element -> element.getText().replaceAll("\\s+", " ").trim())
            .toList();
      } catch (StaleElementReferenceException redrawn) {
        if (attempt == 5) {
          throw redrawn;
        }
      }
    }
  }

  /** Opens the task's page from its link, as from a task e-mail. */
  void openTask(String taskId) {
    goTo("#/?task=" + taskId);
    wait.until(ExpectedConditions.presenceOfElementLocated(FORM));
  }

  /** Claims the open task with the Claim button and waits until the form is the user's. */
  void claim() {
    wait.until(ExpectedConditions.elementToBeClickable(CLAIM)).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(CLAIM));
  }

  /** Clicks Claim on a task someone else has taken meanwhile; @return what the Tasklist says. */
  String claimRefused() {
    wait.until(ExpectedConditions.elementToBeClickable(CLAIM)).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".notifications"), "claimed"));
    return browser.findElement(By.cssSelector(".notifications")).getText();
  }

  /** The text of the open form, once {@code field} shows {@code value} (the case's data has loaded). */
  String formText(By field, String value) {
    wait.until(driver -> driver.findElement(field).getAttribute("value").contains(value));
    return browser.findElement(FORM).getText() + " "
        + browser.findElement(field).getAttribute("value");
  }

  void fill(JsonNode form, Map<String, ?> answers, LocalDate today) {
    new CamundaFormFiller(browser, wait, today).fill(form, answers);
  }

  /** Clicks Complete and waits until {@code done} holds; a Tasklist error fails with its sentence. */
  void complete(BooleanSupplier done) {
    press(COMPLETE, done);
  }

  /** Opens Start process, picks the process by its name and waits for its start form. */
  void openStartForm(String processName) {
    goTo("#/");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.start-process-action a")))
        .click();
    By process =
        By.xpath("//ul[contains(@class,'processes')]//a[normalize-space()='" + processName + "']");
    By startForm = By.cssSelector(".modal-content .fjs-form");
    // the list is drawn again when the definitions arrive: a click on the first drawing is lost,
    // so click (again) until the start form shows; the link is gone once a process is chosen
    new FluentWait<>(browser)
        .withTimeout(WAIT)
        .pollingEvery(Duration.ofSeconds(1))
        .withMessage("the start form of " + processName)
        .until(driver -> {
          if (!driver.findElements(startForm).isEmpty()) {
            return true;
          }
          try {
            driver.findElements(process).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .ifPresent(WebElement::click);
          } catch (WebDriverException stillDrawing) {
            // stale or covered for a moment: the next round clicks again
          }
          return false;
        });
  }

  /** Clicks Start in the start dialog and waits until {@code started} holds. */
  void start(BooleanSupplier started) {
    press(START, started);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
  }

  void screenshot(Path target) {
    Chromium.screenshot(browser, target);
  }

  /** Keeps what the browser showed, then loads the Tasklist afresh so that the next step starts clean. */
  void failed(String step) {
    Chromium.saveDiagnostics(browser, id + "-" + step);
    try {
      browser.navigate().refresh();
    } catch (WebDriverException e) {
      System.err.println("Could not reload " + id + "'s Tasklist after the failure: " + e);
    }
  }

  @Override
  public void close() {
    Chromium.quit(browser);
  }

  private void goTo(String hash) {
    // the Tasklist is a single-page app: a new hash shows another task without loading it again
    ((JavascriptExecutor) browser).executeScript("window.location.hash = arguments[0];", hash);
    if (hash.equals("#/")) {
      wait.until(ExpectedConditions.invisibilityOfElementLocated(
          By.cssSelector("[cam-tasklist-task] .fjs-form")));
    }
  }

  private void press(By button, BooleanSupplier done) {
    // a notice of the step before ("The process has been started.") may cover the button: close it,
    // as a user would
    for (WebElement close : browser.findElements(By.cssSelector(".page-notifications .close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
    WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(button));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    wait.until(driver -> {
      List<WebElement> errors =
          driver.findElements(ERROR).stream().filter(WebElement::isDisplayed).toList();
      if (!errors.isEmpty()) {
        throw new AssertionError("The Tasklist refused it: " + errors.get(0).getText());
      }
      return done.getAsBoolean();
    });
  }
}
