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
 * Notes which tasks an engine command created or updated, and has their deadline jobs planned
 * when the command closes (inside its transaction), like {@link TaskMailListener}: by then a due
 * date set by a later listener of the model is there, and a task completed in the same command
 * gets no jobs. "update" covers a due date changed later (Tasklist, REST, TaskService).
 */
final class TaskDeadlineListener implements TaskListener {

  /** A task touched by the command; {@code created} if the command created it. */
  record Touch(TaskEntity task, boolean created) {
    Touch merge(Touch later) {
      return new Touch(later.task(), created || later.created());
    }
  }

  private final Supplier<TaskDeadlines> deadlines;
  private final Map<CommandContext, Map<String, Touch>> pending = new ConcurrentHashMap<>();

  TaskDeadlineListener(Supplier<TaskDeadlines> deadlines) {
    this.deadlines = deadlines;
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
          deadlines.get().plan(touched.values());
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
