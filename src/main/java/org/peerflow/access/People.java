package org.peerflow.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Bean {@code people} for the models (README, "What an expression may use"): the choice of people
 * a form offers, and the user ids a case names.
 */
@Component("people")
public class People {

  private final IdentityService identityService;

  People(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * Puts the members of a group on the task as a Json list of {@code {label, value}}, the options
   * of a Camunda Form select whose {@code valuesKey} is {@code choicesVariable}: forms offer a choice
   * of people, never a typed user id. Task-local, so the list does not stay with the case.
   * {@code <camunda:taskListener event="create" expression="${people.offer(task, 'supervisorChoices', 'supervisors')}"/>}
   */
  public void offer(DelegateTask task, String choicesVariable, String groupId) {
    task.setVariableLocal(
        choicesVariable,
        SpinValues.jsonValue(Spin.JSON(choices(groupId)).toString()).create());
  }

  /** Members of the group as {@code {label: "Sam Serrano (sam)", value: "sam"}}, by name. */
  List<Map<String, String>> choices(String groupId) {
    return directory(() -> members(groupId)).stream()
        .sorted(Comparator.comparing(People::name))
        .map(user -> choice(user.getId(), user))
        .toList();
  }

  /**
   * The given people as choices, in the given order: {@code "Cole Walker (cole)"}; someone no longer
   * in the directory as {@code "(id)"}.
   */
  List<Map<String, String>> choicesOf(List<String> userIds) {
    return userIds.stream()
        .map(id -> choice(
            id, directory(() -> identityService.createUserQuery().userId(id).singleResult())))
        .toList();
  }

  private static Map<String, String> choice(String id, User userOrNull) {
    return Map.of(
        "label", (userOrNull == null ? "" : name(userOrNull) + " ") + "(" + id + ")", "value", id);
  }

  /** Inside a command the directory is read without authorization checks: the names go to whoever works on the step. */
  private static <T> T directory(java.util.function.Supplier<T> query) {
    return Context.getCommandContext() == null
        ? query.get()
        : Context.getCommandContext().runWithoutAuthorization(query::get);
  }

  /**
   * The user ids held by the named variables, in order, for {@code camunda:candidateUsers}:
   * {@code ${people.ids(execution, 'prescriber,treatingTeam')}}.
   */
  public List<String> ids(VariableScope scope, String variables) {
    List<String> ids = new ArrayList<>();
    for (String variable : variables.split(",")) {
      for (String id : CasePeopleIds.of(scope.getVariable(variable.trim()))) {
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  private List<User> members(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).list();
  }

  private static String name(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
            + (user.getLastName() == null ? "" : user.getLastName()))
        .trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
