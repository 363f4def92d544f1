package org.peerflow.notification;

import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.peerflow.calendar.BusinessDays;
import org.peerflow.model.DeclaredProcess;
import org.peerflow.model.DeclaredProcess.Escalation;
import org.peerflow.notification.TaskDeadlineJob.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reminders and escalations for every user task that has a due date, in every process, without
 * anything in the model: a reminder to the task's owner one business day before the due date (none
 * if that moment has already passed when the task gets its due date) and, at the due date, an
 * escalation to the HR lead and the owner. A process redirects or switches off its escalations
 * with the process extension property {@code peerflow.escalate-to}: {@code hr-lead} (default),
 * {@code none}, or group ids (comma-separated) whose members are told instead of the HR lead.
 *
 * <p>One engine job per task ({@link TaskDeadlineJobHandler}): planned for the reminder, it sends
 * it and plans itself again for the escalation (straight for the escalation when the reminder's
 * moment has passed). It is deliberately not attached to the task's execution: it outlives a
 * completed task and then does nothing when it fires. A job whose task's due date has since moved
 * plans itself again for the new date; a due date changed through the engine re-plans the task's
 * job at once ({@link TasksTouchedByCommand}). The e-mails,
 * like every task e-mail, show the task's modelled name, the process, the due date and a link —
 * never a value of the case — and are queued in the {@link Outbox}.
 */
@Component
class TaskDeadlines {

  static final String REMINDER_TEMPLATE = "task-reminder";
  static final String ESCALATION_TEMPLATE = "task-escalation";
  static final int REMINDER_BUSINESS_DAYS = 1;

  private static final Logger LOG = LoggerFactory.getLogger(TaskDeadlines.class);
  /** Databases differ in how finely they keep a timestamp. */
  private static final long SAME_MOMENT_MILLIS = 1000;

  private final IdentityService identityService;
  private final MailTemplates templates;
  private final Outbox outbox;
  private final TasklistLinks links;
  private final TaskMails taskMails;
  private final DeadlineProperties properties;
  private final BusinessDays businessDays;

  TaskDeadlines(
      IdentityService identityService,
      MailTemplates templates,
      Outbox outbox,
      TasklistLinks links,
      TaskMails taskMails,
      DeadlineProperties properties,
      BusinessDays businessDays) {
    this.identityService = identityService;
    this.templates = templates;
    this.outbox = outbox;
    this.links = links;
    this.taskMails = taskMails;
    this.properties = properties;
    this.businessDays = businessDays;
  }

  // --- planning ---------------------------------------------------------------------------------

  /**
   * Runs when a command that created or changed tasks closes, inside its transaction: gives each
   * task the jobs its due date calls for, and removes jobs planned for a due date it no longer has.
   */
  void plan(Collection<TasksTouchedByCommand.Touch> touches) {
    CommandContext commandContext = Context.getCommandContext();
    commandContext.runWithoutAuthorization(() -> {
      touches.forEach(touch -> plan(commandContext, touch.task(), touch.created()));
      return null;
    });
  }

  private void plan(CommandContext commandContext, TaskEntity task, boolean created) {
    if (task.isDeleted()) {
      return; // completed or cancelled by the same command
    }
    Next wanted = next(task, ClockUtil.getCurrentTime());
    boolean planned = false;
    // a new task has no job yet: spare the queries
    List<JobEntity> existing = created ? List.of() : jobsOf(commandContext, task);
    for (JobEntity job : existing) {
      if (!planned
          && wanted != null
          && job.getJobHandlerConfigurationRaw().equals(wanted.job().toCanonicalString())
          && sameMoment(job.getDuedate(), wanted.at())) {
        planned = true;
      } else {
        job.delete();
      }
    }
    if (!planned && wanted != null) {
      schedule(commandContext, wanted.job().kind(), task, wanted.at());
    }
  }

  /** The task's one deadline job (two only if an earlier release planned them). */
  private static List<JobEntity> jobsOf(CommandContext commandContext, TaskEntity task) {
    List<JobEntity> jobs = new java.util.ArrayList<>();
    for (Kind kind : Kind.values()) {
      jobs.addAll(commandContext
          .getJobManager()
          .findJobsByConfiguration(
              TaskDeadlineJobHandler.TYPE,
              new TaskDeadlineJob(kind, task.getId()).toCanonicalString(),
              task.getTenantId()));
    }
    return jobs;
  }

  /** What the task's deadline job does next, and when. */
  private record Next(TaskDeadlineJob job, Date at) {}

  /**
   * @return the reminder if its moment is still ahead, otherwise the escalation (even if already
   *     due: it then fires at once); null if the task has no due date, or no escalation is left
   */
  private Next next(TaskEntity task, Date now) {
    Date reminder = moment(Kind.REMINDER, task);
    if (reminder != null && reminder.after(now)) {
      return new Next(new TaskDeadlineJob(Kind.REMINDER, task.getId()), reminder);
    }
    Date escalation = moment(Kind.ESCALATION, task);
    return escalation == null
        ? null
        : new Next(new TaskDeadlineJob(Kind.ESCALATION, task.getId()), escalation);
  }

  /** @return when a job of this kind should fire for the task as it is now; null for never */
  private Date moment(Kind kind, TaskEntity task) {
    Date due = task.getDueDate();
    if (due == null) {
      return null;
    }
    return switch (kind) {
      case REMINDER -> businessDays.before(due, REMINDER_BUSINESS_DAYS);
      case ESCALATION -> escalation(task).kind() == Escalation.Kind.NOBODY ? null : due;
    };
  }

  private void schedule(CommandContext commandContext, Kind kind, TaskEntity task, Date moment) {
    TimerEntity timer = new TimerEntity();
    timer.setJobHandlerType(TaskDeadlineJobHandler.TYPE);
    timer.setJobHandlerConfiguration(new TaskDeadlineJob(kind, task.getId()));
    timer.setDuedate(moment);
    timer.setTenantId(task.getTenantId());
    // for operators (job queries, suspension by definition); deliberately no execution: an ended
    // execution would take the job with it, and a job query by instance must not find it
    timer.setProcessDefinitionId(task.getProcessDefinitionId());
    ProcessDefinitionEntity definition = definition(task);
    if (definition != null) {
      timer.setProcessDefinitionKey(definition.getKey());
    }
    commandContext.getJobManager().schedule(timer);
    LOG.debug("PEERFLOW-DEADLINE-001 {} for task {} planned at {}", kind, task.getId(), moment);
  }

  // --- firing -----------------------------------------------------------------------------------

  /**
   * A deadline job fires.
   *
   * @param firesAt the moment the job was planned for
   */
  void fire(TaskDeadlineJob job, Date firesAt) {
    CommandContext commandContext = Context.getCommandContext();
    commandContext.runWithoutAuthorization(() -> {
      fire(commandContext, job, firesAt);
      return null;
    });
  }

  private void fire(CommandContext commandContext, TaskDeadlineJob job, Date firesAt) {
    TaskEntity task = commandContext.getTaskManager().findTaskById(job.taskId());
    if (task == null) {
      LOG.debug("PEERFLOW-DEADLINE-010 Task {} is done: no {}", job.taskId(), job.kind());
      return;
    }
    Date wanted = moment(job.kind(), task);
    if (wanted == null) {
      LOG.debug(
          "PEERFLOW-DEADLINE-011 Task {} has no due date (or no escalation) now: no {}",
          task.getId(),
          job.kind());
      return;
    }
    Date now = ClockUtil.getCurrentTime();
    if (firesAt != null && !sameMoment(firesAt, wanted) && wanted.after(now)) {
      // the due date moved later without the engine telling us (or the calendar changed)
      Next next = next(task, now);
      schedule(commandContext, next.job().kind(), task, next.at());
      LOG.info(
          "PEERFLOW-DEADLINE-012 Due date of task {} moved: {} planned again for {}",
          task.getId(),
          next.job().kind(),
          next.at());
      return;
    }
    switch (job.kind()) {
      case REMINDER -> {
        if (task.getDueDate().after(now)) {
          remind(task);
        } // else already overdue (a late or moved job): the escalation speaks, not a reminder
        // the same job, once more: the escalation at the due date (at once if that has passed);
        // an escalation job an earlier release planned beside the reminder makes way for it
        JobEntity current = commandContext.getCurrentJob();
        jobsOf(commandContext, task).stream()
            .filter(other -> current == null || !other.getId().equals(current.getId()))
            .forEach(JobEntity::delete);
        Date escalation = moment(Kind.ESCALATION, task);
        if (escalation != null) {
          schedule(commandContext, Kind.ESCALATION, task, escalation);
        }
      }
      case ESCALATION -> escalate(task);
    }
  }

  private void remind(TaskEntity task) {
    Map<String, String> owners = taskMails.ownerAddresses(task);
    MailTemplates.RenderedMail mail = templates.render(
        REMINDER_TEMPLATE, model(task, Map.of("assigned", task.getAssignee() != null)));
    send(task, owners.keySet(), mail);
    LOG.info(
        "PEERFLOW-DEADLINE-020 Reminder for task {} ({}) queued for {}",
        task.getId(),
        task.getTaskDefinitionKey(),
        owners.values());
  }

  private void escalate(TaskEntity task) {
    Escalation escalateTo = escalation(task);
    if (escalateTo.kind() == Escalation.Kind.NOBODY) {
      return;
    }
    Map<String, String> owners = taskMails.ownerAddresses(task);
    Map<String, String> escalation = new LinkedHashMap<>();
    String escalatedTo;
    if (escalateTo.kind() == Escalation.Kind.HR_LEAD) {
      escalation.putAll(taskMails.addresses(Set.of(properties.hrLead()), task.getId()));
      escalatedTo = "the HR lead";
    } else {
      Set<String> groups = escalateTo.groups();
      Set<String> members = new LinkedHashSet<>();
      groups.forEach(group ->
          identityService
              .createUserQuery()
              .memberOfGroup(group)
              .orderByUserId()
              .asc()
              .list()
              .stream()
              .map(User::getId)
              .forEach(members::add));
      escalation.putAll(taskMails.addresses(members, task.getId()));
      escalatedTo = "the group " + String.join(", ", groups);
    }
    if (escalation.isEmpty()) {
      LOG.warn(
          "PEERFLOW-DEADLINE-022 Task {} is overdue but nobody in {}={} has an e-mail address",
          task.getId(),
          DeclaredProcess.ESCALATE_TO,
          escalateTo);
    }
    escalation.keySet().removeAll(owners.keySet()); // an owner gets the owner's e-mail, once
    Map<String, ?> base =
        Map.of("escalatedTo", escalatedTo, "assigned", task.getAssignee() != null);
    send(
        task,
        owners.keySet(),
        templates.render(ESCALATION_TEMPLATE, model(task, with(base, "owner", true))));
    send(
        task,
        escalation.keySet(),
        templates.render(ESCALATION_TEMPLATE, model(task, with(base, "owner", false))));
    LOG.info(
        "PEERFLOW-DEADLINE-021 Escalation of task {} ({}) queued for {} and owner {}",
        task.getId(),
        task.getTaskDefinitionKey(),
        escalation.values(),
        owners.values());
  }

  private Map<String, Object> model(TaskEntity task, Map<String, ?> extra) {
    Map<String, Object> model = new LinkedHashMap<>(extra);
    model.put("taskName", TaskMails.safeTaskName(task));
    model.put("processName", TaskMails.processName(task));
    model.put("dueDate", taskMails.dueText(task.getDueDate()));
    model.put("link", links.task(task.getId()));
    return model;
  }

  private static Map<String, Object> with(Map<String, ?> base, String key, Object value) {
    Map<String, Object> model = new LinkedHashMap<>(base);
    model.put(key, value);
    return model;
  }

  private void send(
      TaskEntity task, Collection<String> addresses, MailTemplates.RenderedMail mail) {
    for (String address : addresses) {
      try {
        outbox.enqueue(
            address,
            mail.subject(),
            mail.body(),
            task.getProcessInstanceId(),
            Outbox.Content.NO_CASE_DATA);
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "PEERFLOW-DEADLINE-023 Invalid e-mail address {}: not told about task {}",
            address,
            task.getId());
      }
    }
  }

  // --- the process's choice ---------------------------------------------------------------------

  /** @return whom the task's process escalates to ({@code peerflow.escalate-to}) */
  Escalation escalation(TaskEntity task) {
    ProcessDefinitionEntity definition = definition(task);
    if (definition == null) {
      return Escalation.toHrLead();
    }
    BpmnModelInstance model = Context.getProcessEngineConfiguration()
        .getDeploymentCache()
        .findBpmnModelInstanceForProcessDefinition(definition);
    Process process = model == null ? null : model.getModelElementById(definition.getKey());
    return process == null ? Escalation.toHrLead() : DeclaredProcess.of(process).escalation();
  }

  private static ProcessDefinitionEntity definition(TaskEntity task) {
    return task.getProcessDefinitionId() == null
        ? null
        : Context.getProcessEngineConfiguration()
            .getDeploymentCache()
            .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
  }

  private static boolean sameMoment(Date a, Date b) {
    return a != null && b != null && Math.abs(a.getTime() - b.getTime()) < SAME_MOMENT_MILLIS;
  }
}
