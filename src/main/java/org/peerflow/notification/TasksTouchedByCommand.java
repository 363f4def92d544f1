package org.peerflow.notification;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Notes which tasks an engine command touched (created, assigned, updated — whatever events the
 * listener is registered for) and hands them over once, when the command closes: still inside its
 * transaction, before the engine writes to the database. Waiting for the close means the task is
 * seen as the command left it — a due date or assignee set by a later listener included — a task
 * touched twice counts once, and a task completed or deleted within the same command is seen as
 * such. If the command fails, nothing is handed over.
 *
 * <p>Task e-mails ({@link TaskMails}) and deadline jobs ({@link TaskDeadlines}) each register one.
 */
final class TasksTouchedByCommand implements TaskListener {

  /** A task touched by the command; {@code created} if the command created it. */
  record Touch(TaskEntity task, boolean created) {
    Touch merge(Touch later) {
      return new Touch(later.task(), created || later.created());
    }
  }

  private final Supplier<? extends Consumer<Collection<Touch>>> onClose;
  private final Map<CommandContext, Map<String, Touch>> pending = new ConcurrentHashMap<>();

  /** @param onClose what to do with the touched tasks; a supplier, as engine plugins are built first */
  TasksTouchedByCommand(Supplier<? extends Consumer<Collection<Touch>>> onClose) {
    this.onClose = onClose;
  }

  @Override
  public void notify(DelegateTask delegateTask) {
    CommandContext commandContext = Context.getCommandContext();
    Touch touch =
        new Touch((TaskEntity) delegateTask, EVENTNAME_CREATE.equals(delegateTask.getEventName()));
    pending
        .computeIfAbsent(commandContext, this::watch)
        .merge(delegateTask.getId(), touch, Touch::merge);
  }

  private Map<String, Touch> watch(CommandContext commandContext) {
    commandContext.registerCommandContextListener(new CommandContextListener() {
      @Override
      public void onCommandContextClose(CommandContext closing) {
        Map<String, Touch> touched = pending.remove(closing);
        if (touched != null) {
          onClose.get().accept(touched.values());
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
