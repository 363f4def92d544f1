package org.peerflow.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Queues an e-mail: it starts one instance of the internal process {@code peerflow-mail}, whose
 * asynchronous job sends it after the caller's transaction has committed. Called inside an engine
 * command (a delegate, a listener) the e-mail joins that transaction: it is queued exactly when the
 * step that asked for it commits, and never if that step rolls back.
 */
@Service
public class Outbox {

  /** The internal process that sends one e-mail; its tasks get no case listeners. */
  public static final String MAIL_PROCESS = "peerflow-mail";
  static final String TO = "to";
  static final String SUBJECT = "subject";
  static final String BODY = "body";

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final RuntimeService runtimeService;
  private final CommandExecutor commandExecutor;

  Outbox(ProcessEngine processEngine) {
    this.runtimeService = processEngine.getRuntimeService();
    this.commandExecutor = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /**
   * @param to one e-mail address
   * @param businessKeyOrNull the case the e-mail belongs to, so that its mail instances can be
   *     found (Cockpit, history); not part of the e-mail
   * @return the id of the mail's process instance
   * @throws IllegalArgumentException when {@code to} is not an e-mail address: it could never be
   *     sent, so it is refused now rather than left as an incident
   */
  public String enqueue(String to, String subject, String body, String businessKeyOrNull) {
    String address = checkedAddress(to);
    var variables = Variables.createVariables()
        .putValue(TO, address)
        .putValue(SUBJECT, subject)
        // a file value, because string variables hold at most 4000 characters and letters can be longer
        .putValue(BODY, Variables.fileValue("body.txt")
            .file(body.getBytes(StandardCharsets.UTF_8))
            .mimeType("text/plain")
            .encoding(StandardCharsets.UTF_8)
            .create());
    // the user whose action causes an e-mail may not start processes of his own: queueing is
    // Peerflow's doing, not his
    String instanceId = commandExecutor.execute(commandContext -> commandContext.runWithoutAuthorization(
        () -> runtimeService.createProcessInstanceByKey(MAIL_PROCESS)
            .businessKey(businessKeyOrNull)
            .setVariables(variables)
            .execute()
            .getId()));
    LOG.debug("PEERFLOW-MAIL-001 E-mail queued as instance {}", instanceId);
    return instanceId;
  }

  static String checkedAddress(String to) {
    try {
      InternetAddress address = new InternetAddress(to == null ? "" : to.strip(), true);
      address.validate();
      return address.getAddress();
    } catch (AddressException e) {
      throw new IllegalArgumentException("PEERFLOW-MAIL-002 Not an e-mail address: '" + to + "'", e);
    }
  }
}
