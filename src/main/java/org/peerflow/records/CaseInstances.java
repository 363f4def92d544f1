package org.peerflow.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.peerflow.notification.Outbox;
import org.springframework.stereotype.Component;

/**
 * The process instances that make up one case, found by its business key: every root instance
 * with that key — the case itself and instances Peerflow started for it from a delegate, such as
 * {@code fair-chance-referrals} — and every instance they called. Internal e-mail instances
 * ({@code peerflow-mail}) are not part of the record: a notice's copy is kept on the instance that
 * sent it, and task e-mails carry no case data.
 *
 * <p>Found as Peerflow, without the caller's authorizations, so that a caller who may not read a
 * part of the case is told so instead of getting a record with that part silently missing.
 */
@Component
class CaseInstances {

  private final HistoryService historyService;
  private final CommandExecutor commandExecutor;

  CaseInstances(ProcessEngine processEngine) {
    this.historyService = processEngine.getHistoryService();
    this.commandExecutor = ((ProcessEngineConfigurationImpl)
            processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /** Root instances of the case, oldest first. */
  List<HistoricProcessInstance> roots(String businessKey) {
    return asPeerflow(() -> historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey)
        .rootProcessInstances()
        .orderByProcessInstanceStartTime()
        .asc()
        .list()
        .stream()
        .filter(instance -> !Outbox.MAIL_PROCESS.equals(instance.getProcessDefinitionKey()))
        .toList());
  }

  /** Every instance of the case, each root followed by the instances under it, oldest first. */
  List<HistoricProcessInstance> all(String businessKey) {
    return asPeerflow(() -> {
      Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
      for (HistoricProcessInstance root : roots(businessKey)) {
        List<HistoricProcessInstance> hierarchy = new ArrayList<>(historyService
            .createHistoricProcessInstanceQuery()
            .rootProcessInstanceId(root.getId())
            .list());
        hierarchy.sort(
            Comparator.comparing((HistoricProcessInstance i) -> !i.getId().equals(root.getId()))
                .thenComparing(HistoricProcessInstance::getStartTime));
        hierarchy.forEach(instance -> instances.putIfAbsent(instance.getId(), instance));
      }
      return List.copyOf(instances.values());
    });
  }

  /** Runs in the caller's engine command if there is one, else in a new one, without authorization checks. */
  <T> T asPeerflow(Callable<T> work) {
    return commandExecutor.execute(commandContext -> commandContext.runWithoutAuthorization(work));
  }
}
