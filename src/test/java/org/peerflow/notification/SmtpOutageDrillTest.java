package org.peerflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Mailbox;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fault drill: the SMTP server is down while a batch of cases creates tasks. No task is lost or
 * rolled back, every queued e-mail fails and waits for its retry, and after the server is back
 * every e-mail arrives exactly once.
 */
class SmtpOutageDrillTest extends IntegrationTestBase {

  private static final int CASES = 25;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  ManagementService managementService;

  @AfterEach
  void restore() {
    ClockUtil.reset();
    if (!SMTP.isRunning()) {
      SMTP.start();
    }
  }

  @Test
  void anSmtpOutageUnderLoadLosesNoTaskAndDeliversEveryMailOnceAfterRecovery() throws Exception {
    String batch = "drill-" + UUID.randomUUID().toString().substring(0, 8);
    SMTP.purgeEmailFromAllMailboxes();
    List<Job> failed;
    SMTP.stop();
    try {
      for (int i = 0; i < CASES; i++) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(
            "reviewDue",
            Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(3))));
        variables.put("candidateName", "Drill Candidate");
        variables.put("offerOwner", "harper");
        runtimeService.startProcessInstanceByKey("notification-demo", batch + "-" + i, variables);
      }

      assertThat(tasks(batch))
          .as("every task exists although no e-mail could be sent")
          .hasSize(CASES);
      failed = mailJobs(batch);
      assertThat(failed)
          .as("one queued e-mail per recipient of each task")
          .hasSizeGreaterThanOrEqualTo(CASES);
      for (Job job : failed) {
        assertThatThrownBy(() -> managementService.executeJob(job.getId()))
            .isInstanceOf(RuntimeException.class);
      }
      assertThat(mailJobs(batch))
          .hasSameSizeAs(failed)
          .allSatisfy(job -> assertThat(job.getRetries()).isEqualTo(4))
          .allSatisfy(job -> assertThat(runtimeService
                  .createIncidentQuery()
                  .configuration(job.getId())
                  .count())
              .isZero());
    } finally {
      SMTP.start();
    }

    // the retry cycle (R5/PT1M) makes each failed e-mail due again a minute later
    ClockUtil.setCurrentTime(
        new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(2).toMillis()));
    Mailbox.runMailJobs(processEngine);

    assertThat(mailJobs(batch)).as("no e-mail left waiting").isEmpty();
    List<String> delivered = new java.util.ArrayList<>();
    for (MimeMessage mail : SMTP.getReceivedMessages()) {
      String body = Mailbox.body(mail);
      for (Task task : tasks(batch)) {
        if (body.contains("task=" + task.getId())) {
          delivered.add(Mailbox.recipients(mail) + " " + task.getId());
        }
      }
    }
    assertThat(delivered)
        .as("every queued e-mail delivered")
        .hasSameSizeAs(failed)
        .doesNotHaveDuplicates();
    assertThat(tasks(batch)).hasSize(CASES);
  }

  private List<Task> tasks(String batch) {
    return taskService
        .createTaskQuery()
        .processInstanceBusinessKeyLike(batch + "-%")
        .list();
  }

  private List<Job> mailJobs(String batch) {
    return OutboxJobs.ofCases(processEngine, businessKey -> businessKey.startsWith(batch + "-"));
  }
}
