package org.peerflow.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Queues an e-mail as one job ({@link MailJobHandler}), which sends it after the caller's
 * transaction has committed. Called inside an engine command (a delegate, a listener) the e-mail
 * joins that transaction: it is queued exactly when the step that asked for it commits, and never
 * if that step rolls back. One row per e-mail: the job, whose configuration holds the e-mail — or,
 * for a letter that quotes the case, one more row, a byte array that only the job reads.
 *
 * <p>The job belongs to no case instance (ending or suspending a case must not take its e-mails
 * with it), but to the internal definition {@code peerflow-mail}: Cockpit shows its incidents
 * there (step {@code Task_SendMail}), metrics and tests find the jobs by its key, and operators are
 * granted retries on it without any right on cases.
 */
@Service
public class Outbox {

  /** The internal definition the outbox's jobs belong to; it is never instantiated. */
  public static final String MAIL_PROCESS = "peerflow-mail";

  static final String SEND_ACTIVITY = "Task_SendMail";

  /** Whether the e-mail may sit in the job's configuration. */
  public enum Content {
    /** a task e-mail: task name, process, due date, link */
    NO_CASE_DATA,
    /** a notice: names and dates of the case, kept in a byte array */
    CASE_DATA
  }

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final CommandExecutor commandExecutor;
  /** process definition id to the id of its Task_SendMail job definition */
  private final Map<String, String> jobDefinitions = new ConcurrentHashMap<>();

  Outbox(ProcessEngine processEngine) {
    this.commandExecutor = ((ProcessEngineConfigurationImpl)
            processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /**
   * @param to one e-mail address
   * @param caseInstanceIdOrNull the process instance that asked for the e-mail, for logs
   * @return the id of the e-mail's job
   * @throws IllegalArgumentException when {@code to} is not an e-mail address: it could never be
   *     sent, so it is refused now rather than left as an incident
   */
  public String enqueue(
      String to, String subject, String body, String caseInstanceIdOrNull, Content content) {
    MailJob.Letter letter =
        new MailJob.Letter(checkedAddress(to), subject.replaceAll("\\s+", " ").strip(), body);
    // queueing is Peerflow's doing, not the acting user's, who may not read the internal definition
    String jobId = commandExecutor.execute(commandContext -> commandContext.runWithoutAuthorization(
        () -> queue(Context.getCommandContext(), letter, caseInstanceIdOrNull, content)));
    LOG.debug("PEERFLOW-MAIL-001 E-mail queued as job {}", jobId);
    return jobId;
  }

  private String queue(
      CommandContext commandContext,
      MailJob.Letter letter,
      String caseInstanceId,
      Content content) {
    MailJob configuration;
    String encoded = letter.encoded();
    if (content == Content.NO_CASE_DATA && encoded.length() <= MailJob.MAX_INLINE) {
      configuration = new MailJob(caseInstanceId, letter, null);
    } else {
      ByteArrayEntity bytes = new ByteArrayEntity(
          "peerflow-mail", encoded.getBytes(StandardCharsets.UTF_8), ResourceTypes.RUNTIME);
      commandContext.getByteArrayManager().insertByteArray(bytes);
      configuration = new MailJob(caseInstanceId, null, bytes.getId());
    }
    MessageEntity job = new MessageEntity();
    job.setJobHandlerType(MailJobHandler.TYPE);
    job.setJobHandlerConfiguration(configuration);
    ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration()
        .getDeploymentCache()
        .findDeployedLatestProcessDefinitionByKey(MAIL_PROCESS);
    job.setProcessDefinitionId(definition.getId());
    job.setProcessDefinitionKey(definition.getKey());
    job.setDeploymentId(definition.getDeploymentId());
    job.setJobDefinitionId(jobDefinitions.computeIfAbsent(
        definition.getId(), id -> sendJobDefinition(commandContext, id)));
    commandContext.getJobManager().send(job);
    return job.getId();
  }

  private static String sendJobDefinition(
      CommandContext commandContext, String processDefinitionId) {
    return commandContext
        .getJobDefinitionManager()
        .findByProcessDefinitionId(processDefinitionId)
        .stream()
        .filter(definition -> SEND_ACTIVITY.equals(definition.getActivityId()))
        .map(JobDefinitionEntity::getId)
        .findFirst()
        .orElse(null);
  }

  static String checkedAddress(String to) {
    try {
      InternetAddress address = new InternetAddress(to == null ? "" : to.strip(), true);
      address.validate();
      return address.getAddress();
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "PEERFLOW-MAIL-002 Not an e-mail address: '" + to + "'", e);
    }
  }
}
