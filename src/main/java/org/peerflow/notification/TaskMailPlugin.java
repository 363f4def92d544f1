package org.peerflow.notification;

import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes task e-mails part of the engine rather than of each model: every user task parsed gets a
 * listener for "create" and "assignment", and the internal mail process is deployed as soon as the
 * engine is built, before anything can create a task.
 *
 * <p>Why a plugin and not the starter's Spring task events ({@code camunda.bpm.eventing.task}):
 * the listener is registered as a built-in listener, so it also runs when an operator moves a case
 * in Cockpit with "skip custom listeners", and it does not silently stop when someone switches
 * the generic eventing flag off. The internal mail process is excluded at parse time.
 */
@Component
class TaskMailPlugin extends AbstractProcessEnginePlugin {

  private final TasksTouchedByCommand listener;

  /** Lazily: the mail beans need the engine's services, which need this plugin first. */
  TaskMailPlugin(ObjectProvider<TaskMails> taskMails) {
    this.listener = new TasksTouchedByCommand(() -> taskMails.getObject()::queue);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (scope.getProcessDefinition() instanceof ProcessDefinitionEntity definition
            && Outbox.MAIL_PROCESS.equals(definition.getKey())) {
          return; // e-mails about e-mails would never end
        }
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, listener);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
      }
    });
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    InternalModels.deploy(processEngine.getRepositoryService());
  }
}
