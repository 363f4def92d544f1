package org.peerflow.forms;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.peerflow.cases.CaseTaskListeners;
import org.springframework.stereotype.Component;

/**
 * Camunda Forms check required fields in the browser only; a REST or Java completion of a task can
 * leave them out and the process then decides on a missing value. Every user task gets a built-in
 * "complete" listener that, when the task has a Camunda Form, refuses the completion if a required
 * field of that form has no value ({@link RequiredFieldsListener}).
 */
@Component
class RequiredFieldsPlugin extends AbstractProcessEnginePlugin {

  private final RequiredFieldsListener listener =
      new RequiredFieldsListener(new FormRequirements());

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // the listener itself passes over tasks without a Camunda Form
    CaseTaskListeners.addToEveryCaseTask(configuration, listener, TaskListener.EVENTNAME_COMPLETE);
  }
}
