package org.peerflow.notification;

import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;

/** The queued e-mails of some cases: outbox jobs name the instance that asked for them. */
final class OutboxJobs {

  private OutboxJobs() {}

  static List<Job> ofCases(ProcessEngine engine, Predicate<String> businessKey) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processDefinitionKey(Outbox.MAIL_PROCESS)
        .list()
        .stream()
        .filter(job -> {
          String caseInstanceId =
              MailJob.parse(((JobEntity) job).getJobHandlerConfigurationRaw()).caseInstanceId();
          HistoricProcessInstance instance = caseInstanceId == null
              ? null
              : engine
                  .getHistoryService()
                  .createHistoricProcessInstanceQuery()
                  .processInstanceId(caseInstanceId)
                  .singleResult();
          return instance != null
              && instance.getBusinessKey() != null
              && businessKey.test(instance.getBusinessKey());
        })
        .toList();
  }

  static void delete(ProcessEngine engine, Predicate<String> businessKey) {
    ofCases(engine, businessKey)
        .forEach(job -> engine.getManagementService().deleteJob(job.getId()));
  }
}
