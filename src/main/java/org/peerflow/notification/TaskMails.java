package org.peerflow.notification;

import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is told about a task, and what they are told. A new task goes to its assignee or, while
 * nobody has it, to every member of its candidate groups and its candidate users; a task assigned
 * later goes to the new assignee, unless he took it himself (a claim). The e-mail holds the task's
 * name as modelled, the process's name, the due date and a link — never a value of the case.
 */
@Component
class TaskMails {

  static final String TEMPLATE = "task-notification";
  static final String NO_DUE_DATE = "no due date";

  private static final Logger LOG = LoggerFactory.getLogger(TaskMails.class);
  private static final DateTimeFormatter DUE =
      DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy, h:mm a z", Locale.US);

  private final IdentityService identityService;
  private final MailTemplates templates;
  private final Outbox outbox;
  private final TasklistLinks links;
  private final MailProperties properties;

  TaskMails(
      IdentityService identityService,
      MailTemplates templates,
      Outbox outbox,
      TasklistLinks links,
      MailProperties properties) {
    this.identityService = identityService;
    this.templates = templates;
    this.outbox = outbox;
    this.links = links;
    this.properties = properties;
  }

  /** Runs in the closing command of {@link TasksTouchedByCommand}, inside its transaction. */
  void queue(Collection<TasksTouchedByCommand.Touch> touches) {
    CommandContext commandContext = Context.getCommandContext();
    String actingUser = commandContext.getAuthenticatedUserId();
    // who receives a task's e-mail must not depend on what the acting user may read
    commandContext.runWithoutAuthorization(() -> {
      touches.forEach(touch -> queue(touch, actingUser));
      return null;
    });
  }

  private void queue(TasksTouchedByCommand.Touch touch, String actingUser) {
    TaskEntity task = touch.task();
    if (task.isDeleted()) {
      return; // completed or cancelled by the same command: nothing left to do
    }
    String assignee = task.getAssignee();
    Set<String> userIds = new LinkedHashSet<>();
    if (assignee != null) {
      if (!touch.created() && assignee.equals(actingUser)) {
        return; // he claimed it himself: he knows
      }
      userIds.add(assignee);
    } else if (touch.created()) {
      userIds.addAll(candidates(task));
    }
    Map<String, String> addresses = addresses(userIds, task.getId());
    if (addresses.isEmpty()) {
      return;
    }
    MailTemplates.RenderedMail mail = templates.render(
        TEMPLATE,
        Map.of(
            "taskName", safeTaskName(task),
            "processName", processName(task),
            "dueDate", dueText(task.getDueDate()),
            "link", links.task(task.getId()),
            "assigned", assignee != null));
    addresses.forEach((address, userId) -> {
      try {
        outbox.enqueue(
            address,
            mail.subject(),
            mail.body(),
            task.getProcessInstanceId(),
            Outbox.Content.NO_CASE_DATA);
      } catch (IllegalArgumentException e) {
        // a wrong address in one profile must not stop the process for everyone
        LOG.warn(
            "PEERFLOW-MAIL-022 User {} has an invalid e-mail address: not told about task {}",
            userId,
            task.getId());
      }
    });
    LOG.info(
        "PEERFLOW-MAIL-003 Task {} ({}) e-mail queued for {}",
        task.getId(),
        task.getTaskDefinitionKey(),
        addresses.values());
  }

  /** The due date as e-mails show it, in {@code peerflow.mail.time-zone}. */
  String dueText(java.util.Date dueDate) {
    return dueDate == null
        ? NO_DUE_DATE
        : DUE.format(dueDate.toInstant().atZone(properties.timeZone()));
  }

  /**
   * Who owns a task now: its assignee or, while nobody has it, its candidate users and the members
   * of its candidate groups (also used by {@link TaskDeadlines}). Call without authorization.
   *
   * @return e-mail address to user id
   */
  Map<String, String> ownerAddresses(TaskEntity task) {
    Set<String> userIds = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      userIds.add(task.getAssignee());
    } else {
      userIds.addAll(candidates(task));
    }
    return addresses(userIds, task.getId());
  }

  private Set<String> candidates(TaskEntity task) {
    Set<String> userIds = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        userIds.add(link.getUserId());
      }
      if (link.getGroupId() != null) {
        identityService
            .createUserQuery()
            .memberOfGroup(link.getGroupId())
            .orderByUserId()
            .asc()
            .list()
            .forEach(user -> userIds.add(user.getId()));
      }
    }
    return userIds;
  }

  /** @return e-mail address to user id, one e-mail per address even if a user is in two groups */
  Map<String, String> addresses(Set<String> userIds, String taskId) {
    Map<String, String> addresses = new LinkedHashMap<>();
    for (String userId : userIds) {
      User user = identityService.createUserQuery().userId(userId).singleResult();
      if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
        LOG.warn(
            "PEERFLOW-MAIL-020 User {} has no e-mail address: not told about task {}",
            userId,
            taskId);
        continue;
      }
      addresses.putIfAbsent(user.getEmail().strip().toLowerCase(Locale.ROOT), userId);
    }
    return addresses;
  }

  /**
   * The name as written in the model. A name computed from variables ({@code Review ${name}}) is
   * shown with its expressions blanked, so that no value of the case can reach an inbox.
   */
  static String safeTaskName(TaskEntity task) {
    TaskDefinition definition = task.getTaskDefinition();
    String name = definition != null && definition.getNameExpression() != null
        ? definition.getNameExpression().getExpressionText()
        : task.getName();
    if (name == null || name.isBlank()) {
      return task.getTaskDefinitionKey() == null ? "Task" : task.getTaskDefinitionKey();
    }
    return name.replaceAll("[$#]\\{[^}]*}", "…").replaceAll("\\s+", " ").strip();
  }

  static String processName(TaskEntity task) {
    if (task.getProcessDefinitionId() == null) {
      return "—";
    }
    ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration()
        .getDeploymentCache()
        .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
    return definition.getName() == null ? definition.getKey() : definition.getName();
  }
}
