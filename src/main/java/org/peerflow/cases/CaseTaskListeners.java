package org.peerflow.cases;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Adds a built-in listener to every user task of every process (the internal mail process has
 * none, so no e-mail is sent about an e-mail). Built-in, so it also runs when an operator moves a case
 * in Cockpit with "skip custom listeners". Used by the task e-mails, the deadline jobs and the
 * required-field check of Camunda Forms.
 */
public final class CaseTaskListeners {

  private CaseTaskListeners() {}

  public static void addToEveryCaseTask(
      ProcessEngineConfigurationImpl configuration, TaskListener listener, String... events) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition task =
            ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        for (String event : events) {
          task.addBuiltInTaskListener(event, listener);
        }
      }
    });
  }
}
