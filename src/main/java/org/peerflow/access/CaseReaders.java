package org.peerflow.access;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.peerflow.model.CasePerson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-instance READ for the people a case names: the instance itself (PROCESS_INSTANCE) and its
 * history (HISTORIC_PROCESS_INSTANCE, which Peerflow enables with {@code enableHistoricInstancePermissions}).
 * Their tasks they read as assignee or candidate, which Camunda grants itself. Runs inside an engine
 * command, without authorization checks: the grant follows from the case, not from who caused it.
 */
final class CaseReaders {

  private static final Logger LOG = LoggerFactory.getLogger(CaseReaders.class);

  private CaseReaders() {}

  /**
   * @throws BadUserRequestException when a named user is not a member of the group the case needs
   */
  static void grant(
      String processInstanceId,
      String rootProcessInstanceId,
      List<CasePerson> people,
      java.util.function.Function<String, Object> variables) {
    CommandContext commandContext = Context.getCommandContext();
    commandContext.runWithoutAuthorization(() -> {
      for (CasePerson person : people) {
        for (String userId : CasePeopleIds.of(variables.apply(person.variable()))) {
          requireMember(commandContext, userId, person);
          grant(
              commandContext.getAuthorizationManager(),
              userId,
              processInstanceId,
              rootProcessInstanceId);
        }
      }
      return null;
    });
  }

  static void grant(
      AuthorizationManager authorizations,
      String userId,
      String processInstanceId,
      String rootProcessInstanceId) {
    ensure(
        authorizations,
        userId,
        Resources.PROCESS_INSTANCE,
        processInstanceId,
        null,
        Permissions.READ);
    ensure(
        authorizations,
        userId,
        Resources.HISTORIC_PROCESS_INSTANCE,
        processInstanceId,
        rootProcessInstanceId,
        HistoricProcessInstancePermissions.READ);
  }

  /** Removes what {@link #grant} gave and what Camunda gave the user on the given tasks. */
  static void revoke(
      AuthorizationManager authorizations,
      String userId,
      String processInstanceId,
      List<String> runtimeTaskIds,
      List<String> historicTaskIds) {
    delete(authorizations, userId, Resources.PROCESS_INSTANCE, processInstanceId);
    delete(authorizations, userId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId);
    runtimeTaskIds.forEach(taskId -> delete(authorizations, userId, Resources.TASK, taskId));
    historicTaskIds.forEach(
        taskId -> delete(authorizations, userId, Resources.HISTORIC_TASK, taskId));
  }

  static void requireMember(CommandContext commandContext, String userId, CasePerson person) {
    boolean member = commandContext
            .getProcessEngineConfiguration()
            .getIdentityService()
            .createUserQuery()
            .userId(userId)
            .memberOfGroup(person.groupId())
            .count()
        > 0;
    if (!member) {
      throw new BadUserRequestException(
          "PEERFLOW-ACC-002 '" + userId + "', named as " + person.variable()
              + " of this case, is not a member of the group '" + person.groupId()
              + "'. Choose a member of "
              + person.groupId() + ".");
    }
  }

  private static void ensure(
      AuthorizationManager authorizations,
      String userId,
      Resource resource,
      String resourceId,
      String rootProcessInstanceId,
      Permission permission) {
    AuthorizationEntity existing = insertedInThisCommand(userId, resource, resourceId);
    if (existing == null) {
      existing = authorizations.findAuthorizationByUserIdAndResourceId(
          AUTH_TYPE_GRANT, userId, resource, resourceId);
    }
    if (existing != null) {
      if (!existing.isPermissionGranted(permission)) {
        existing.addPermission(permission);
      }
      return;
    }
    AuthorizationEntity grant = new AuthorizationEntity(AUTH_TYPE_GRANT);
    grant.setUserId(userId);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(permission);
    // history cleanup removes the grant with the case's history (removal time set when the case
    // ends)
    grant.setRootProcessInstanceId(rootProcessInstanceId);
    authorizations.insert(grant);
    LOG.debug("PEERFLOW-ACC-010 {} may read {} {}", userId, resource.resourceName(), resourceId);
  }

  /**
   * A grant inserted earlier in the same command (two tasks created at once, a parallel gateway) is
   * not found by a query until the command flushes, but it is in the command's entity cache.
   */
  private static AuthorizationEntity insertedInThisCommand(
      String userId, Resource resource, String resourceId) {
    return Context.getCommandContext()
        .getDbEntityManager()
        .getCachedEntitiesByType(AuthorizationEntity.class)
        .stream()
        .filter(grant -> userId.equals(grant.getUserId())
            && grant.getResourceType() == resource.resourceType()
            && resourceId.equals(grant.getResourceId())
            && grant.getAuthorizationType() == AUTH_TYPE_GRANT)
        .findFirst()
        .orElse(null);
  }

  private static void delete(
      AuthorizationManager authorizations, String userId, Resource resource, String resourceId) {
    AuthorizationEntity existing = authorizations.findAuthorizationByUserIdAndResourceId(
        AUTH_TYPE_GRANT, userId, resource, resourceId);
    if (existing != null) {
      authorizations.delete(existing);
    }
  }
}
