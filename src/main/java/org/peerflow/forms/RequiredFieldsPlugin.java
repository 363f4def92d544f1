package org.peerflow.forms;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Camunda Forms check required fields in the browser only; a REST or Java completion of a task can
 * leave them out and the process then decides on a missing value. Every user task with a Camunda
 * Form gets a built-in "complete" listener that refuses the completion when a required field of
 * its form has no value ({@link RequiredFieldsListener}).
 */
@Component
class RequiredFieldsPlugin extends AbstractProcessEnginePlugin {

  private final RequiredFieldsListener listener = new RequiredFieldsListener(new FormRequirements());

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        if (task.getFormDefinition() != null && task.getFormDefinition().getCamundaFormDefinitionKey() != null) {
          task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
        }
      }
    });
  }
}
