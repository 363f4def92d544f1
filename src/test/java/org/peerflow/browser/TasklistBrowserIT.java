package org.peerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.peerflow.IntegrationTestBase;
import org.peerflow.accommodation.AccommodationWalk;
import org.peerflow.hiring.HiringWalk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a person sees in the Tasklist beyond submitting forms (that is {@link EveryFormInTheTasklistIT}):
 * a claim that came too late, and a supervisor's form that shows what to do, never why.
 */
class TasklistBrowserIT extends IntegrationTestBase {

  @LocalServerPort
  int port;

  @Autowired
  TaskService taskService;

  @Test
  void aClaimThatCameTooLateSaysSoInTheTasklist() {
    HiringWalk walk = new HiringWalk(processEngine);
    ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
    Task screening =
        taskService.createTaskQuery().processInstanceId(application.getId()).singleResult();

    try (TasklistUser harper = TasklistUser.login("harper", port)) {
      harper.openTask(screening.getId());
      taskService.claim(screening.getId(), "hana"); // hana, in her own Tasklist, was faster
      assertThat(harper.claimRefused())
          .as("what harper is told")
          .contains("is already claimed by someone else");
      harper.screenshot(Chromium.SCREENSHOTS.resolve("tasklist-late-claim.png"));
    }

    assertThat(taskService
            .createTaskQuery()
            .taskId(screening.getId())
            .singleResult()
            .getAssignee())
        .isEqualTo("hana");
  }

  @Test
  void supervisorSeesOnlyTheAccommodationToPutInPlace() {
    AccommodationWalk walk = new AccommodationWalk(processEngine);
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "approve");
    ProcessInstance implementation = walk.child(request, "accommodation-implementation");
    Task implement =
        taskService.createTaskQuery().processInstanceId(implementation.getId()).singleResult();

    try (TasklistUser sam = TasklistUser.login("sam", port)) {
      sam.openTask(implement.getId());
      String form = sam.formText(
          By.cssSelector("textarea[id$='-Field_accommodationToImplement']"),
          "Start at 10:00 on Tuesdays and Thursdays");
      assertThat(form)
          .as("what sam's form shows")
          .doesNotContainIgnoringCase("diagnos")
          .doesNotContainIgnoringCase("limitation")
          .doesNotContainIgnoringCase("medical");
      sam.screenshot(Chromium.SCREENSHOTS.resolve("tasklist-accommodation.png"));
    }
  }
}
