package org.peerflow.notification;

import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;

/**
 * The configuration of one deadline job: what it does and for which task. It names the task only
 * by id, never a value of the case, because job configurations are readable in Cockpit and REST.
 */
record TaskDeadlineJob(Kind kind, String taskId) implements JobHandlerConfiguration {

  enum Kind {
    /** to the task's owner, one business day before the due date */
    REMINDER,
    /** to the HR lead (or the process's {@code peerflow.escalate-to}) and the owner, at the due date */
    ESCALATION
  }

  private static final String SEPARATOR = ":";

  static TaskDeadlineJob parse(String canonical) {
    int separator = canonical.indexOf(SEPARATOR);
    if (separator < 0) {
      throw new IllegalArgumentException(
          "PEERFLOW-DEADLINE-030 Not a deadline job configuration: '" + canonical + "'");
    }
    return new TaskDeadlineJob(
        Kind.valueOf(canonical.substring(0, separator)), canonical.substring(separator + 1));
  }

  @Override
  public String toCanonicalString() {
    return kind.name() + SEPARATOR + taskId;
  }
}
