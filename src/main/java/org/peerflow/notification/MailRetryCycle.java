package org.peerflow.notification;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Gives the sending job of the internal mail process its retry cycle ({@code peerflow.mail.retry-cycle}):
 * a mail server may be down for minutes. Only that job: every other job keeps the engine's default
 * (three attempts at once), so a failing deadline job or a process owner's service task becomes an
 * incident as Camunda users expect, not after the mail server's patience.
 */
final class MailRetryCycle extends AbstractBpmnParseListener {

  private final String cycle;

  MailRetryCycle(String cycle) {
    this.cycle = cycle;
  }

  @Override
  public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (scope.getProcessDefinition() instanceof ProcessDefinitionEntity definition
        && Outbox.MAIL_PROCESS.equals(definition.getKey())) {
      activity
          .getProperties()
          .set(
              DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
              new FailedJobRetryConfiguration(Context.getProcessEngineConfiguration()
                  .getExpressionManager()
                  .createExpression(cycle)));
    }
  }
}
