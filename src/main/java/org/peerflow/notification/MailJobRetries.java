package org.peerflow.notification;

import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ParseUtil;

/**
 * Gives the outbox's jobs ({@link MailJobHandler}) the retry cycle {@code peerflow.mail.retry-cycle}:
 * a mail server may be down for minutes. Camunda applies a retry cycle only to jobs of a modelled
 * activity, so this wraps the engine's failed-job command and decides by the job's type. Every other
 * job keeps what it had (three attempts at once unless its model says otherwise).
 */
final class MailJobRetries implements FailedJobCommandFactory {

  private final FailedJobCommandFactory others;
  private final String cycle;

  MailJobRetries(FailedJobCommandFactory others, String cycle) {
    this.others = others;
    this.cycle = cycle;
  }

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    Command<Object> otherwise = others.getCommand(jobId, exception);
    return new DefaultJobRetryCmd(jobId, exception) {
      @Override
      public Object execute(CommandContext commandContext) {
        JobEntity job = getJob();
        if (job == null || !MailJobHandler.TYPE.equals(job.getJobHandlerType())) {
          return otherwise.execute(commandContext);
        }
        try {
          executeCustomStrategy(commandContext, job, null);
        } catch (Exception e) {
          executeStandardStrategy(commandContext);
        }
        return null;
      }

      @Override
      public FailedJobRetryConfiguration getFailedJobRetryConfiguration(
          JobEntity job, ActivityImpl activity) {
        return ParseUtil.parseRetryIntervals(cycle);
      }
    };
  }
}
