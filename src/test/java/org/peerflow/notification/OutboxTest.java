package org.peerflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Mailbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What one queued e-mail costs and where its text waits until it is sent. */
class OutboxTest extends IntegrationTestBase {

  @Autowired
  Outbox outbox;

  @Autowired
  ManagementService managementService;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void emptyInbox() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
  }

  @Test
  void aNoticeWaitsInAByteArrayNotInItsJobAndBothGoOnceItIsSent() throws Exception {
    String quote = "Dear Jordan Rivera, about your record " + UUID.randomUUID();
    String body = quote + "\n" + "A long letter. ".repeat(400)
        + "Signed, HR"; // longer than a job's configuration
    String address = "notice-" + UUID.randomUUID() + "@applicant.example";

    String jobId =
        outbox.enqueue(address, "Pre-adverse action notice", body, null, Outbox.Content.CASE_DATA);

    JobEntity job = (JobEntity) managementService.createJobQuery().jobId(jobId).singleResult();
    assertThat(job.getProcessDefinitionKey()).isEqualTo(Outbox.MAIL_PROCESS);
    assertThat(job.getProcessInstanceId())
        .as("no case instance: ending a case keeps its e-mails")
        .isNull();
    assertThat(job.getJobHandlerConfigurationRaw()).doesNotContain("Jordan", address);
    String letterId = MailJob.parse(job.getJobHandlerConfigurationRaw()).storedLetterId();
    assertThat(byteArrays(letterId)).isEqualTo(1);

    List<MimeMessage> delivered = Mailbox.deliveredTo(processEngine, SMTP, address);

    assertThat(delivered).hasSize(1);
    assertThat(Mailbox.body(delivered.get(0))).startsWith(quote).contains("Signed, HR");
    assertThat(delivered.get(0).getMessageID()).isEqualTo("<" + jobId + ".peerflow@localhost>");
    assertThat(managementService.createJobQuery().jobId(jobId).count()).isZero();
    assertThat(byteArrays(letterId)).as("the letter goes with its job").isZero();
  }

  @Test
  void aTaskEmailIsOneRowItsJob() {
    String address = "task-" + UUID.randomUUID() + "@peerflow.example";

    String jobId = outbox.enqueue(
        address,
        "New task: Review",
        "A task waits.\nLink",
        "some-instance",
        Outbox.Content.NO_CASE_DATA);

    Job job = managementService.createJobQuery().jobId(jobId).singleResult();
    MailJob configuration = MailJob.parse(((JobEntity) job).getJobHandlerConfigurationRaw());
    assertThat(configuration.storedLetterId()).isNull();
    assertThat(configuration.inline())
        .isEqualTo(new MailJob.Letter(address, "New task: Review", "A task waits.\nLink"));
    assertThat(configuration.caseInstanceId()).isEqualTo("some-instance");
    assertThat(Mailbox.deliveredTo(processEngine, SMTP, address)).hasSize(1);
  }

  private long byteArrays(String id) {
    Long count =
        jdbc.queryForObject("SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE ID_ = ?", Long.class, id);
    return count == null ? 0 : count;
  }
}
