package org.peerflow.notification;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Runs the reminder and escalation jobs of {@link TaskDeadlines}. The job executor runs each job
 * once in a cluster, retries it on failure and leaves an incident when it keeps failing; the
 * e-mails themselves go through the {@link Outbox}, so an SMTP outage never fails this job.
 */
final class TaskDeadlineJobHandler implements JobHandler<TaskDeadlineJob> {

  static final String TYPE = "peerflow-task-deadline";

  private final Supplier<TaskDeadlines> deadlines;

  TaskDeadlineJobHandler(Supplier<TaskDeadlines> deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(
      TaskDeadlineJob job,
      ExecutionEntity execution,
      CommandContext commandContext,
      String tenantId) {
    JobEntity current = commandContext.getCurrentJob();
    deadlines.get().fire(job, current == null ? null : current.getDuedate());
  }

  @Override
  public TaskDeadlineJob newConfiguration(String canonicalString) {
    return TaskDeadlineJob.parse(canonicalString);
  }

  @Override
  public void onDelete(TaskDeadlineJob configuration, JobEntity jobEntity) {
    // nothing to clean up: the job holds no data of its own
  }
}
