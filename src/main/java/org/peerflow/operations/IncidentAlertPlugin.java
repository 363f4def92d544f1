package org.peerflow.operations;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Wraps the engine's handlers for failed jobs and failed external tasks: the incident is created
 * as always, and once its transaction has committed the operators are alerted
 * ({@link IncidentAlerts}). An incident whose transaction rolls back alerts nobody.
 */
@Component
class IncidentAlertPlugin extends AbstractProcessEnginePlugin {

  /** Lazily: the alert bean needs the mail sender, which is unrelated to the engine's start. */
  private final ObjectProvider<IncidentAlerts> alerts;

  IncidentAlertPlugin(ObjectProvider<IncidentAlerts> alerts) {
    this.alerts = alerts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomIncidentHandlers());
    handlers.add(
        new AlertingIncidentHandler(new DefaultIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE)));
    handlers.add(new AlertingIncidentHandler(
        new DefaultIncidentHandler(Incident.EXTERNAL_TASK_HANDLER_TYPE)));
    configuration.setCustomIncidentHandlers(handlers);
  }

  private final class AlertingIncidentHandler implements IncidentHandler {
    private final IncidentHandler delegate;

    AlertingIncidentHandler(IncidentHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public String getIncidentHandlerType() {
      return delegate.getIncidentHandlerType();
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
      Incident incident = delegate.handleIncident(context, message);
      if (incident != null) {
        String key = Context.getProcessEngineConfiguration()
            .getDeploymentCache()
            .findDeployedProcessDefinitionById(incident.getProcessDefinitionId())
            .getKey();
        IncidentAlerts.NewIncident created = new IncidentAlerts.NewIncident(
            incident.getId(),
            incident.getIncidentType(),
            key,
            incident.getProcessInstanceId(),
            incident.getActivityId(),
            incident.getProcessDefinitionId());
        Context.getCommandContext()
            .getTransactionContext()
            .addTransactionListener(TransactionState.COMMITTED, commandContext -> {
              try {
                alerts.getObject().incidentCreated(created);
              } catch (RuntimeException e) {
                // the incident is committed; an alert failure must not make the caller believe
                // otherwise
                org.slf4j.LoggerFactory.getLogger(IncidentAlertPlugin.class)
                    .error(
                        "PEERFLOW-ALERT-005 Alert about incident {} failed",
                        created.incidentId(),
                        e);
              }
            });
      }
      return incident;
    }

    @Override
    public void resolveIncident(IncidentContext context) {
      delegate.resolveIncident(context);
    }

    @Override
    public void deleteIncident(IncidentContext context) {
      delegate.deleteIncident(context);
    }
  }
}
