package org.peerflow.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Notes which tasks an engine command created or assigned, and has them mailed once, when the
 * command closes (still inside its transaction, before the engine writes to the database). Waiting
 * for the close means the e-mail shows the task as the command left it — a due date or assignee
 * set by a later listener included — and a task created already assigned, for which the engine
 * fires "create" then "assignment", gives one e-mail, not two. A task completed or deleted within
 * the same command gets none. If the command fails, nothing is queued.
 */
final class TaskMailListener implements TaskListener {

  /** A task touched by the command; {@code created} if the command created it. */
  record Touch(TaskEntity task, boolean created) {
    Touch merge(Touch later) {
      return new Touch(later.task(), created || later.created());
    }
  }

  private final Supplier<TaskMails> taskMails;
  private final Map<CommandContext, Map<String, Touch>> pending = new ConcurrentHashMap<>();

  TaskMailListener(Supplier<TaskMails> taskMails) {
    this.taskMails = taskMails;
  }

  @Override
  public void notify(DelegateTask delegateTask) {
    CommandContext commandContext = Context.getCommandContext();
    Touch touch = new Touch((TaskEntity) delegateTask, EVENTNAME_CREATE.equals(delegateTask.getEventName()));
    pending.computeIfAbsent(commandContext, this::watch).merge(delegateTask.getId(), touch, Touch::merge);
  }

  private Map<String, Touch> watch(CommandContext commandContext) {
    commandContext.registerCommandContextListener(new CommandContextListener() {
      @Override
      public void onCommandContextClose(CommandContext closing) {
        Map<String, Touch> touched = pending.remove(closing);
        if (touched != null) {
          taskMails.get().queue(touched.values());
        }
      }

      @Override
      public void onCommandFailed(CommandContext failed, Throwable cause) {
        pending.remove(failed);
      }
    });
    return new LinkedHashMap<>();
  }
}
