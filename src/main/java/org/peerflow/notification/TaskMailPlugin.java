package org.peerflow.notification;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.peerflow.cases.CaseTaskListeners;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes task e-mails part of the engine rather than of each model: every user task parsed gets a
 * listener for "create" and "assignment", and the internal mail process is deployed as soon as the
 * engine is built, before anything can create a task. It also registers the outbox's job handler
 * ({@link MailJobHandler}), its retry cycle ({@link MailJobRetries}) and the retention of its job log
 * ({@link OutboxJobLogRetention}).
 *
 * <p>Why a plugin and not the starter's Spring task events ({@code camunda.bpm.eventing.task}):
 * the listener is registered as a built-in listener, so it also runs when an operator moves a case
 * in Cockpit with "skip custom listeners", and it does not silently stop when someone switches
 * the generic eventing flag off. The internal mail process has no user task, so no e-mail is ever
 * sent about an e-mail.
 */
@Component
class TaskMailPlugin extends AbstractProcessEnginePlugin {

  private final TasksTouchedByCommand listener;
  private final MailJobHandler mailJobs;
  private final MailProperties properties;

  /** Lazily: the mail beans need the engine's services, which need this plugin first. */
  TaskMailPlugin(
      ObjectProvider<TaskMails> taskMails,
      ObjectProvider<SendMail> sendMail,
      MailProperties properties) {
    this.listener = new TasksTouchedByCommand(() -> taskMails.getObject()::queue);
    this.mailJobs = new MailJobHandler(sendMail::getObject);
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CaseTaskListeners.addToEveryCaseTask(
        configuration, listener, TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT);
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
    }
    // for instances of peerflow-mail queued before the outbox jobs (an upgrade)
    configuration
        .getCustomPostBPMNParseListeners()
        .add(new MailRetryCycle(properties.retryCycle()));
    if (configuration.getCustomJobHandlers() == null) {
      configuration.setCustomJobHandlers(new java.util.ArrayList<>());
    }
    configuration.getCustomJobHandlers().add(mailJobs);
    if (configuration.getHistoryEventProducer() == null) {
      configuration.setHistoryEventProducer(new OutboxJobLogRetention());
    }
  }

  /** After init, when the engine (or the starter) has chosen its failed-job command: wrapped, not replaced. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory(
        new MailJobRetries(configuration.getFailedJobCommandFactory(), properties.retryCycle()));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    InternalModels.deploy(processEngine.getRepositoryService());
  }
}
