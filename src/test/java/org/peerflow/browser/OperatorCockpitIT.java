package org.peerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peerflow.IntegrationTestBase;
import org.peerflow.notification.Outbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator (README, "Access model") retries a failed e-mail in Cockpit, in a real browser, and
 * sees nothing of what the e-mail says: operators fix jobs and incidents without case data.
 */
class OperatorCockpitIT extends IntegrationTestBase {

  private static final String SECRET = "Start at 10:00 on Tuesdays (operator test)";
  private static final String RECIPIENT = "alex.operator-test@employee.example";

  @LocalServerPort
  int port;

  @Autowired
  Outbox outbox;

  private WebDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      Chromium.quit(browser);
    }
  }

  @Test
  void oscarRetriesAFailedEmailInCockpitAndReadsNothingOfIt() {
    ManagementService management = processEngine.getManagementService();
    String jobId = outbox.enqueue(
        RECIPIENT, "Your accommodation", "We approve: " + SECRET, null, Outbox.Content.CASE_DATA);
    SMTP.stop();
    try {
      for (int attempt = 0;
          attempt < 10
              && management.createJobQuery().jobId(jobId).singleResult().getRetries() > 0;
          attempt++) {
        try {
          management.executeJob(jobId);
        } catch (RuntimeException expected) {
          // the SMTP server is down: the attempt fails and the job has one retry less
        }
      }
    } finally {
      SMTP.start();
    }
    assertThat(processEngine
            .getRuntimeService()
            .createIncidentQuery()
            .configuration(jobId)
            .count())
        .isOne();
    ProcessDefinition mail = processEngine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .processDefinitionKey(Outbox.MAIL_PROCESS)
        .latestVersion()
        .singleResult();

    browser = Chromium.start();
    // Cockpit's first load in a fresh JVM compiles and serves its whole bundle: on two busy cores
    // that has taken more than 30 s
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
    wait.ignoring(StaleElementReferenceException.class);
    browser.get(url("/camunda/app/cockpit/default/"));
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[ng-model='username']")));
    WebElement secret = browser.findElement(By.cssSelector("input[ng-model='password']"));
    // as in TasklistUser: the login page's autofocus can move keys typed early into the other field
    for (int attempt = 0;
        attempt < 3
            && !("oscar".equals(name.getAttribute("value"))
                && "oscar".equals(secret.getAttribute("value")));
        attempt++) {
      name.clear();
      name.sendKeys("oscar");
      secret.clear();
      secret.sendKeys("oscar");
    }
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector("input[ng-model='username']")));

    browser.get(url("/camunda/app/cockpit/default/#/process-definition/" + mail.getId()
        + "/runtime?detailsTab=pd-incidents-tab"));
    wait.until(ExpectedConditions.elementToBeClickable(
            By.cssSelector("a.action-button[ng-click^='openJobRetryDialog']")))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(
            By.cssSelector("button[ng-click='incrementRetry()']")))
        .click();
    wait.until(driver -> management.createJobQuery().jobId(jobId).singleResult().getRetries() > 0);

    assertThat(browser.getPageSource()).doesNotContain(SECRET).doesNotContain(RECIPIENT);
    management.executeJob(jobId);
    assertThat(SMTP.getReceivedMessages())
        .anySatisfy(
            message -> assertThat(message.getAllRecipients()[0].toString()).isEqualTo(RECIPIENT));
    assertThat(processEngine
            .getRuntimeService()
            .createIncidentQuery()
            .configuration(jobId)
            .count())
        .isZero();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
