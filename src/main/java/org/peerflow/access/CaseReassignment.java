package org.peerflow.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.peerflow.model.CasePerson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Bean {@code caseReassignment}, used by the process {@code case-reassignment}: HR replaces a person
 * a case names (its supervisor, hiring manager, interview peer, supporting peer, prescriber or a
 * member of its treating team). Every instance of the case (its business key) that names the person
 * is changed: the variable (in a team, only that member), the role's e-mail address where the case
 * keeps one ({@code prescriberEmail}), the open tasks, and access — the person replaced loses READ
 * on the instances, their history and their tasks unless the case still names them in another role,
 * the new person gains it. The reassignment instance keeps who, when and why.
 *
 * <p>Only a member of {@code hr}, logged in, may do this: delegates run without authorization
 * checks, so the check is here and a diagram calling this bean cannot lend the power to others.
 */
@Component("caseReassignment")
public class CaseReassignment {

  static final String HR = "hr";
  private static final Logger LOG = LoggerFactory.getLogger(CaseReassignment.class);

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final People people;

  CaseReassignment(
      RuntimeService runtimeService,
      TaskService taskService,
      HistoryService historyService,
      IdentityService identityService,
      People people) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.people = people;
  }

  /**
   * A part of a case that names the person: its instance, whom the role variable names, and the
   * declaration when the instance's process gives that person access (null in an HR-only part that
   * only passes the name on, such as accommodation-request).
   */
  private record NamedIn(
      HistoricProcessInstance instance,
      CasePerson person,
      String userId,
      List<CasePerson> declared) {
    boolean givesAccess() {
      return person != null;
    }
  }

  /**
   * Finds who the case names in the role now; sets {@code currentPerson} and {@code roleGroup} (the
   * group to choose the new person from).
   * @throws BadUserRequestException when no instance of the case names anybody in that role
   */
  public void prepare(DelegateExecution execution) {
    requireHr();
    List<NamedIn> named = namedIn(text(execution, "caseId"), text(execution, "role"));
    List<String> current = named.stream()
        .filter(NamedIn::givesAccess)
        .map(NamedIn::userId)
        .distinct()
        .toList();
    execution.setVariable("currentPerson", String.join(",", current));
    if (current.size() > 1) {
      // a team: the choose form asks which member to replace (its select is hidden without this
      // list)
      execution.setVariable(
          "currentChoices",
          SpinValues.jsonValue(Spin.JSON(people.choicesOf(current)).toString()).create());
    }
    // a reassignment is found with its case: RE-<case id>
    execution.setProcessBusinessKey("RE-" + text(execution, "caseId"));
    execution.setVariable(
        "roleGroup",
        named.stream()
            .filter(NamedIn::givesAccess)
            .findFirst()
            .orElseThrow()
            .person()
            .groupId());
  }

  /** Puts {@code newPerson} in the place of {@code currentPerson}, with {@code reason} recorded. */
  public void apply(DelegateExecution execution) {
    String reassignedBy = requireHr();
    String caseId = text(execution, "caseId");
    String role = text(execution, "role");
    String previous = replacedPerson(execution);
    String next = text(execution, "newPerson");
    text(execution, "reason");
    List<NamedIn> named =
        namedIn(caseId, role).stream().filter(n -> n.userId().equals(previous)).toList();
    if (named.isEmpty()) {
      throw new BadUserRequestException(
          "PEERFLOW-ACC-005 Case '" + caseId + "' no longer names '" + previous + "' as " + role
              + ": somebody changed it meanwhile. Start the reassignment again.");
    }
    CommandContext commandContext = Context.getCommandContext();
    CaseReaders.requireMember(
        commandContext,
        next,
        named.stream().filter(NamedIn::givesAccess).findFirst().orElseThrow().person());
    for (NamedIn part : named) {
      reassign(commandContext, part, role, next);
    }
    execution.setVariable("reassignedBy", reassignedBy);
    execution.setVariable("reassignedAt", ClockUtil.getCurrentTime());
    execution.setVariable(
        "instancesReassigned", named.stream().filter(NamedIn::givesAccess).count());
    LOG.info(
        "PEERFLOW-ACC-020 Case {}: {} {} -> {} by {} in {} instance(s)",
        caseId,
        role,
        previous,
        next,
        reassignedBy,
        named.size());
  }

  private void reassign(CommandContext commandContext, NamedIn part, String role, String next) {
    String instanceId = part.instance().getId();
    String previous = part.userId();
    List<String> runtimeTaskIds = new ArrayList<>();
    boolean running = part.instance().getEndTime() == null;
    if (running) {
      runtimeService.setVariable(
          instanceId,
          role,
          withReplaced(runtimeService.getVariable(instanceId, role), previous, next));
      updateEmail(instanceId, role, next);
    }
    // a prescriber who also sits in the treating team keeps the team's tasks and access
    boolean stillNamed = running
        && part.declared().stream()
            .anyMatch(person -> CasePeopleIds.of(
                    runtimeService.getVariable(instanceId, person.variable()))
                .contains(previous));
    if (running) {
      for (Task task :
          taskService.createTaskQuery().processInstanceId(instanceId).list()) {
        runtimeTaskIds.add(task.getId());
        if (previous.equals(task.getAssignee())) {
          taskService.setAssignee(task.getId(), next);
        }
        for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType())
              && previous.equals(link.getUserId())) {
            if (!stillNamed) {
              taskService.deleteCandidateUser(task.getId(), previous);
            }
            taskService.addCandidateUser(task.getId(), next);
          }
        }
      }
    }
    if (!part.givesAccess()) {
      return;
    }
    List<String> historicTaskIds = stillNamed
        ? List.of()
        : historyService
            .createHistoricTaskInstanceQuery()
            .processInstanceId(instanceId)
            .list()
            .stream()
            .map(HistoricTaskInstance::getId)
            .toList();
    commandContext.runWithoutAuthorization(() -> {
      if (!stillNamed) {
        CaseReaders.revoke(
            commandContext.getAuthorizationManager(),
            previous,
            instanceId,
            runtimeTaskIds,
            historicTaskIds);
      }
      CaseReaders.grant(
          commandContext.getAuthorizationManager(),
          next,
          instanceId,
          part.instance().getRootProcessInstanceId());
      return null;
    });
  }

  private List<NamedIn> namedIn(String caseId, String role) {
    List<NamedIn> named = new ArrayList<>();
    for (HistoricProcessInstance instance : historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseId)
        .list()) {
      ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration()
          .getDeploymentCache()
          .findDeployedProcessDefinitionById(instance.getProcessDefinitionId());
      List<CasePerson> people = CaseAccessPlugin.declaredBy(definition);
      CasePerson declared = people.stream()
          .filter(person -> person.variable().equals(role))
          .findFirst()
          .orElse(null);
      if (declared != null || instance.getEndTime() == null) {
        CasePeopleIds.of(value(instance, role))
            .forEach(userId -> named.add(new NamedIn(instance, declared, userId, people)));
      }
    }
    if (named.stream().noneMatch(NamedIn::givesAccess)) {
      throw new BadUserRequestException("PEERFLOW-ACC-006 No case '" + caseId
          + "' names anybody as " + role + ". Check the case id (its business key) and the role.");
    }
    return named;
  }

  private Object value(HistoricProcessInstance instance, String variable) {
    if (instance.getEndTime() == null) {
      ProcessInstance running = runtimeService
          .createProcessInstanceQuery()
          .processInstanceId(instance.getId())
          .singleResult();
      if (running != null) {
        return runtimeService.getVariable(instance.getId(), variable);
      }
    }
    HistoricVariableInstance historic = historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId())
        .variableName(variable)
        .singleResult();
    return historic == null ? null : historic.getValue();
  }

  /**
   * The value the role's variable takes: the new person in place of the one replaced, in the same
   * shape (one id, a comma-separated list, a list, or the Json list a checklist sends), without a
   * duplicate when the new person is already in the team.
   */
  static Object withReplaced(Object value, String previous, String next) {
    List<String> ids = CasePeopleIds.of(value);
    if (ids.size() <= 1) {
      return next;
    }
    List<String> replaced = new ArrayList<>();
    for (String id : ids) {
      String kept = id.equals(previous) ? next : id;
      if (!replaced.contains(kept)) {
        replaced.add(kept);
      }
    }
    if (value instanceof SpinJsonNode) {
      return SpinValues.jsonValue(Spin.JSON(replaced).toString()).create();
    }
    if (value instanceof Collection<?>) {
      return replaced;
    }
    return String.join(",", replaced);
  }

  /** Where the case keeps the role's address for notices ({@code prescriberEmail}), it follows the person. */
  private void updateEmail(String instanceId, String role, String next) {
    String variable = role + "Email";
    if (runtimeService.getVariable(instanceId, variable) == null) {
      return;
    }
    User user = identityService.createUserQuery().userId(next).singleResult();
    if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
      throw new BadUserRequestException(
          "PEERFLOW-ACC-008 '" + next + "' has no e-mail address, which the case needs as "
              + variable + ". Add it in the directory (Admin) and try again.");
    }
    runtimeService.setVariable(instanceId, variable, user.getEmail());
  }

  /** Whom to replace: one person named in the role, or in a team the member HR chose. */
  private static String replacedPerson(DelegateExecution execution) {
    Object chosen = execution.getVariable("replacedPerson");
    if (chosen != null && !chosen.toString().isBlank()) {
      return chosen.toString().trim();
    }
    String current = text(execution, "currentPerson");
    if (current.contains(",")) {
      throw new BadUserRequestException("PEERFLOW-ACC-009 The case names several people as "
          + execution.getVariable("role") + " (" + current + "): choose whom to replace.");
    }
    return current;
  }

  private static String requireHr() {
    Authentication authentication = Context.getCommandContext().getAuthentication();
    List<String> groups = authentication == null || authentication.getGroupIds() == null
        ? List.of()
        : authentication.getGroupIds();
    if (authentication == null || !(groups.contains(HR) || groups.contains(Groups.CAMUNDA_ADMIN))) {
      throw new BadUserRequestException(
          "PEERFLOW-ACC-004 Only a member of hr, logged in, may reassign a case"
              + (authentication == null ? "" : " ('" + authentication.getUserId() + "' is not)")
              + ".");
    }
    return authentication.getUserId();
  }

  private static String text(DelegateExecution execution, String variable) {
    Object value = execution.getVariable(variable);
    if (value == null || value.toString().isBlank()) {
      throw new BadUserRequestException(
          "PEERFLOW-ACC-007 The reassignment needs '" + variable + "'.");
    }
    return value.toString().trim();
  }
}
