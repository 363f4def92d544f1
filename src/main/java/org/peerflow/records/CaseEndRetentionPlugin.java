package org.peerflow.records;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.peerflow.notification.Outbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells {@link CaseRetention} when a root instance of a case ends, for every process of every
 * version (not the internal e-mails, which expire on their own), so that a held case stays held
 * and a case with several root instances expires as one. A built-in listener: it also runs when an
 * operator ends or cancels an instance in Cockpit with "skip custom listeners".
 */
@Component
class CaseEndRetentionPlugin extends AbstractProcessEnginePlugin {

  private final ExecutionListener listener;

  /** Lazily: the retention bean needs the engine's services, which need this plugin first. */
  CaseEndRetentionPlugin(ObjectProvider<CaseRetention> retention) {
    this.listener = execution -> {
      if (isRootInstance(execution) && execution.getProcessBusinessKey() != null) {
        // bookkeeping of the system, not an act of the user whose completion ends the case: a
        // supervisor finishing onboarding may not read the case's HR-only instances it aligns
        Context.getCommandContext().runWithoutAuthorization(() -> {
          retention
              .getObject()
              .rootInstanceEnding(
                  execution.getProcessBusinessKey(), execution.getProcessInstanceId());
          return null;
        });
      }
    };
  }

  private static boolean isRootInstance(DelegateExecution execution) {
    return execution.getId().equals(execution.getProcessInstanceId())
        && execution.getSuperExecution() == null;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (!Outbox.MAIL_PROCESS.equals(processDefinition.getKey())) {
          processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, listener);
        }
      }
    });
  }
}
