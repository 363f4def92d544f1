package org.peerflow.notification;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.peerflow.cases.CaseTaskListeners;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes reminders and escalations part of the engine rather than of each model (see
 * {@link TaskDeadlines}): registers the job handler, and gives every parsed user task a built-in
 * listener for "create" and "update" (built-in, so it also runs when Cockpit skips custom
 * listeners). The internal mail process is left out.
 */
@Component
class TaskDeadlinePlugin extends AbstractProcessEnginePlugin {

  private final TasksTouchedByCommand listener;
  private final TaskDeadlineJobHandler jobHandler;

  /** Lazily: the beans need the engine's services, which need this plugin first. */
  TaskDeadlinePlugin(ObjectProvider<TaskDeadlines> deadlines) {
    this.listener = new TasksTouchedByCommand(() -> deadlines.getObject()::plan);
    this.jobHandler = new TaskDeadlineJobHandler(deadlines::getObject);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomJobHandlers() == null) {
      configuration.setCustomJobHandlers(new ArrayList<>());
    }
    configuration.getCustomJobHandlers().add(jobHandler);
    CaseTaskListeners.addToEveryCaseTask(
        configuration, listener, TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_UPDATE);
  }
}
