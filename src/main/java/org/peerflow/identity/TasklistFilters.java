package org.peerflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Tasklist's filters: "My work" (first, so every user lands on his work) and "My tasks" for
 * everybody, and one per group, shown only to that group.
 * A filter only chooses which tasks to list; which tasks a user may see at all still comes from
 * the task authorizations of candidates and assignees, so a filter never widens access.
 */
@Component
class TasklistFilters {

  static final String MY_WORK = "My work";
  static final String MY_TASKS = "My tasks";

  private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

  /** A shared filter, identified by its name among the filters that have no owner. */
  record SharedFilter(
      String name,
      String description,
      int priority,
      String color,
      List<String> visibleTo,
      TaskQuery query,
      boolean showsCount) {}

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;

  TasklistFilters(
      FilterService filterService,
      TaskService taskService,
      AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  List<SharedFilter> filters() {
    List<SharedFilter> filters = new ArrayList<>();
    // first, so that the Tasklist opens on it: everything the user may work on right now, claimed
    // by him or offered to him (as a candidate user or through one of his groups) and still free
    filters.add(new SharedFilter(
        MY_WORK,
        "Tasks assigned to me or offered to my groups",
        -10,
        "#b3261e",
        List.copyOf(Groups.NAMES.keySet()),
        taskService
            .createTaskQuery()
            .or()
            .taskAssigneeExpression("${currentUser()}")
            .taskCandidateUserExpression("${currentUser()}")
            .endOr(),
        true));
    filters.add(new SharedFilter(
        MY_TASKS,
        "Tasks assigned to me",
        0,
        "#1c6e8c",
        List.copyOf(Groups.NAMES.keySet()),
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
        false));
    List<String> colors = List.of("#6b3fa0", "#2f7d32", "#c77700", "#00838f", "#5d4037");
    int index = 0;
    for (Map.Entry<String, String> group : Groups.NAMES.entrySet()) {
      filters.add(new SharedFilter(
          group.getValue(),
          "Open tasks for " + group.getValue() + ", claimed or not",
          10 * (index + 1),
          colors.get(index),
          List.of(group.getKey()),
          taskService.createTaskQuery().taskCandidateGroup(group.getKey()).includeAssignedTasks(),
          false));
      index++;
    }
    return filters;
  }

  /**
   * Creates missing filters (an existing one keeps what an administrator changed) and makes sure
   * each is visible to its groups.
   */
  void create() {
    for (SharedFilter wanted : filters()) {
      Filter filter = existing(wanted.name()).orElseGet(() -> {
        Filter created = filterService
            .newTaskFilter(wanted.name())
            .setQuery(wanted.query())
            .setProperties(Map.of(
                "description", wanted.description(),
                "priority", wanted.priority(),
                "color", wanted.color(),
                // the Tasklist shows a filter's count and polls it only with refresh on: for the
                // filter users land on, not for every filter of every open Tasklist
                "refresh", wanted.showsCount(),
                "showUndefinedVariable", false,
                "variables", List.of()));
        filterService.saveFilter(created);
        LOG.info(
            "PEERFLOW-IDN-004 Created Tasklist filter \"{}\" for {}",
            wanted.name(),
            wanted.visibleTo());
        return created;
      });
      for (String group : wanted.visibleTo()) {
        grantRead(filter.getId(), group);
      }
    }
  }

  private Optional<Filter> existing(String name) {
    // a user's own filter of the same name is his, not the shared one
    return filterService.createFilterQuery().filterName(name).list().stream()
        .filter(filter -> filter.getOwner() == null)
        .findFirst();
  }

  private void grantRead(String filterId, String group) {
    long existing = authorizationService
        .createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group)
        .resourceType(Resources.FILTER)
        .resourceId(filterId)
        .count();
    if (existing > 0) {
      return;
    }
    Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(group);
    authorization.setResource(Resources.FILTER);
    authorization.setResourceId(filterId);
    authorization.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(authorization);
  }
}
