package org.peerflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What each group may do regardless of any one process: open the Tasklist (everybody), open
 * Cockpit (process owners, HR), deploy (process owners) and see who is who. Access to a process's
 * instances and history is declared in its diagram instead (see {@link ProcessAccessDeployer});
 * access to a task comes from being its candidate or assignee, which Camunda grants itself. READ
 * on all tasks is deliberately never granted: it would show every task's variables to everybody.
 */
@Component
class BaselineAuthorizations {

  private static final Logger LOG = LoggerFactory.getLogger(BaselineAuthorizations.class);

  record Grant(String groupId, Resource resource, String resourceId, Permission... permissions) {}

  static final List<Grant> GRANTS = grants();

  private final AuthorizationService authorizationService;

  BaselineAuthorizations(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  private static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (String group : Groups.NAMES.keySet()) {
      grants.add(new Grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS));
      // the Tasklist shows assignees' and groups' names
      grants.add(new Grant(group, Resources.USER, ANY, Permissions.READ));
      grants.add(new Grant(group, Resources.GROUP, ANY, Permissions.READ));
    }
    grants.add(
        new Grant(Groups.PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(new Grant(Groups.HR, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(new Grant(
        Groups.PROCESS_OWNERS,
        Resources.DEPLOYMENT,
        ANY,
        Permissions.CREATE,
        Permissions.READ,
        Permissions.DELETE));
    // definitions only, not their instances or history: case data stays with the diagram's readers
    grants.add(new Grant(
        Groups.PROCESS_OWNERS,
        Resources.PROCESS_DEFINITION,
        ANY,
        ProcessDefinitionPermissions.READ));
    grants.add(
        new Grant(Groups.PROCESS_OWNERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ));
    grants.add(new Grant(
        Groups.PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
    // operators see and retry incidents and jobs in Cockpit; with enforceSpecificVariablePermission
    // READ_INSTANCE shows no variable (that needs READ_INSTANCE_VARIABLE), and no history is
    // granted
    grants.add(new Grant(Groups.OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(new Grant(
        Groups.OPERATORS,
        Resources.PROCESS_DEFINITION,
        ANY,
        ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.RETRY_JOB));
    grants.add(new Grant(Groups.OPERATORS, Resources.USER, ANY, Permissions.READ));
    grants.add(new Grant(Groups.OPERATORS, Resources.GROUP, ANY, Permissions.READ));
    return List.copyOf(grants);
  }

  /**
   * Creates each grant whose group has no grant on that resource yet; an existing one is left as
   * an administrator may have changed it in Camunda Admin.
   */
  void grant() {
    int created = 0;
    for (Grant grant : GRANTS) {
      long existing = authorizationService
          .createAuthorizationQuery()
          .authorizationType(AUTH_TYPE_GRANT)
          .groupIdIn(grant.groupId())
          .resourceType(grant.resource())
          .resourceId(grant.resourceId())
          .count();
      if (existing > 0) {
        continue;
      }
      Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
      for (Permission permission : grant.permissions()) {
        authorization.addPermission(permission);
      }
      authorizationService.saveAuthorization(authorization);
      created++;
    }
    if (created > 0) {
      LOG.info("PEERFLOW-IDN-002 Created {} baseline group authorizations", created);
    }
  }
}
