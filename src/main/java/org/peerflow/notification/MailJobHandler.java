package org.peerflow.notification;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one e-mail of the {@link Outbox}. The job executor runs each job on one node of the
 * cluster, after the transaction that queued it has committed; any failure is thrown on purpose, so
 * that the job is retried on {@code peerflow.mail.retry-cycle} ({@link MailJobRetries}) and then
 * becomes an incident an operator retries in Cockpit. Nothing here depends on who retries it: the
 * e-mail was rendered when it was queued, and the job reads no variable.
 */
final class MailJobHandler implements JobHandler<MailJob> {

  static final String TYPE = "peerflow-mail";

  private static final Logger LOG = LoggerFactory.getLogger(MailJobHandler.class);

  private final Supplier<SendMail> sendMail;

  MailJobHandler(Supplier<SendMail> sendMail) {
    this.sendMail = sendMail;
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(
      MailJob job, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
    JobEntity current = commandContext.getCurrentJob();
    MailJob.Letter letter = job.letter(commandContext);
    // the job's id: the same on every retry and after a crash, so a redelivery keeps its Message-ID
    sendMail.get().send(letter, current.getId());
    LOG.info(
        "PEERFLOW-MAIL-010 E-mail job {} (case instance {}) handed to the SMTP server",
        current.getId(),
        job.caseInstanceId());
  }

  @Override
  public MailJob newConfiguration(String canonicalString) {
    return MailJob.parse(canonicalString);
  }

  @Override
  public void onDelete(MailJob job, JobEntity jobEntity) {
    // sent, or deleted by an operator: the stored letter goes with its job
    if (job.storedLetterId() != null) {
      org.camunda.bpm.engine.impl.context.Context.getCommandContext()
          .getByteArrayManager()
          .deleteByteArrayById(job.storedLetterId());
    }
  }
}
