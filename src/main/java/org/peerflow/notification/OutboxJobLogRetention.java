package org.peerflow.notification;

import java.util.Set;
import org.camunda.bpm.engine.impl.history.DefaultHistoryRemovalTimeProvider;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Gives the job log of Peerflow's own jobs (the outbox's e-mails, the deadlines) a removal time of
 * 30 days, as the e-mail process had. These jobs belong to no process instance, so Camunda's
 * removal-time cleanup, which dates rows by their root instance, would otherwise keep their log
 * forever. The log holds ids, times, the node and any error text, never the e-mail.
 */
class OutboxJobLogRetention extends CacheAwareHistoryEventProducer {

  static final int DAYS = 30;
  private static final Set<String> OWN_JOBS =
      Set.of(MailJobHandler.TYPE, TaskDeadlineJobHandler.TYPE);

  @Override
  protected void initHistoricJobLogEvent(
      HistoricJobLogEventEntity evt, Job job, HistoryEventType eventType) {
    super.initHistoricJobLogEvent(evt, job, eventType);
    if (evt.getRootProcessInstanceId() == null
        && job instanceof JobEntity entity
        && OWN_JOBS.contains(entity.getJobHandlerType())) {
      evt.setRemovalTime(
          DefaultHistoryRemovalTimeProvider.determineRemovalTime(ClockUtil.getCurrentTime(), DAYS));
    }
  }
}
