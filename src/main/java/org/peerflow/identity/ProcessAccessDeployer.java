package org.peerflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.AuthorizationQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.peerflow.model.DeploymentDiagrams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the access a diagram declares ({@link DeclaredAccess}) into group authorizations on its
 * process definition key, for every new deployment from any channel (start-up, hot redeploy,
 * Desktop Modeler over REST), in the deploy command's own transaction: a deployment and its
 * access rules are stored together or not at all.
 *
 * <p>The diagram is the source of truth for the permissions it can express (READ, CREATE_INSTANCE,
 * READ_INSTANCE, READ_HISTORY, their variable permissions, UPDATE_INSTANCE on its key): a group no longer listed loses them on the next
 * deployment, for every version of the key. Other permissions, user authorizations, revokes and
 * grants on {@code *} are an administrator's and are left alone.
 */
class ProcessAccessDeployer implements Deployer {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessAccessDeployer.class);

  static final Set<ProcessDefinitionPermissions> STARTER =
      EnumSet.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
  /** With enforceSpecificVariablePermission, reading the variables needs their own permissions. */
  static final Set<ProcessDefinitionPermissions> READER = EnumSet.of(
      ProcessDefinitionPermissions.READ,
      ProcessDefinitionPermissions.READ_INSTANCE,
      ProcessDefinitionPermissions.READ_HISTORY,
      ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
      ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
  /** The groups of the people a case names: the definition (the Tasklist's diagram), no instance. */
  static final Set<ProcessDefinitionPermissions> WORKER =
      EnumSet.of(ProcessDefinitionPermissions.READ);
  /** Correlating a message to a running case needs UPDATE_INSTANCE on its definition. */
  static final Set<ProcessDefinitionPermissions> MESSENGER =
      EnumSet.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.UPDATE_INSTANCE);

  static final Set<ProcessDefinitionPermissions> MANAGED = EnumSet.of(
      ProcessDefinitionPermissions.READ,
      ProcessDefinitionPermissions.CREATE_INSTANCE,
      ProcessDefinitionPermissions.READ_INSTANCE,
      ProcessDefinitionPermissions.READ_HISTORY,
      ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
      ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
      ProcessDefinitionPermissions.UPDATE_INSTANCE);

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // a definition cache reload: the rules were applied when it was deployed
    }
    List<ProcessDefinitionEntity> definitions =
        deployment.getDeployedArtifacts(ProcessDefinitionEntity.class);
    if (definitions == null || definitions.isEmpty()) {
      return;
    }
    List<DeclaredAccess> declared = new ArrayList<>();
    for (ProcessDefinitionEntity definition : definitions) {
      // the diagram as the deployment's pre-deployers parsed it
      BpmnModelInstance model =
          DeploymentDiagrams.of(deployment.getResource(definition.getResourceName()));
      declared.add(DeclaredAccess.of(model, definition.getKey()));
    }
    CommandContext commandContext = Context.getCommandContext();
    // the deploying user (a process owner) may deploy but not grant: the diagram's rules apply
    // because the deployment was accepted, not because of who sent it
    commandContext.runWithoutAuthorization(() -> {
      AuthorizationManager authorizations = commandContext.getAuthorizationManager();
      declared.forEach(access -> apply(access, authorizations));
      // once per group: an insert is not visible to a query before the command flushes
      declared.stream()
          .flatMap(access -> access.starterGroups().stream())
          .distinct()
          .forEach(group -> grantInstanceCreation(authorizations, group));
      return null;
    });
  }

  private void apply(DeclaredAccess access, AuthorizationManager authorizations) {
    Map<String, Set<ProcessDefinitionPermissions>> wanted = new LinkedHashMap<>();
    access.starterGroups().forEach(group -> permissionsOf(wanted, group).addAll(STARTER));
    access.readerGroups().forEach(group -> permissionsOf(wanted, group).addAll(READER));
    access.messengerGroups().forEach(group -> permissionsOf(wanted, group).addAll(MESSENGER));
    access.workerGroups().forEach(group -> permissionsOf(wanted, group).addAll(WORKER));

    List<String> removed = new ArrayList<>();
    for (AuthorizationEntity existing : groupGrants(authorizations, access.processKey())) {
      Set<ProcessDefinitionPermissions> keep = wanted.remove(existing.getGroupId());
      for (ProcessDefinitionPermissions permission : MANAGED) {
        if (keep != null && keep.contains(permission)) {
          existing.addPermission(permission);
        } else {
          existing.removePermission(permission);
        }
      }
      if (keep == null) {
        removed.add(existing.getGroupId());
      }
      if (existing.getPermissions() == 0) {
        authorizations.delete(existing);
      }
      // otherwise the changed entity is written by the command's flush
    }
    wanted.forEach((group, permissions) -> {
      AuthorizationEntity grant = new AuthorizationEntity(AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(Resources.PROCESS_DEFINITION);
      grant.setResourceId(access.processKey());
      permissions.forEach(grant::addPermission);
      authorizations.insert(grant);
    });
    LOG.info(
        "PEERFLOW-IDN-010 Process {}: starters {}, readers {}, messengers {}, per-case people of {}{}",
        access.processKey(),
        access.starterGroups(),
        access.readerGroups(),
        access.messengerGroups(),
        access.workerGroups(),
        removed.isEmpty() ? "" : "; access removed for " + removed);
  }

  private static Set<ProcessDefinitionPermissions> permissionsOf(
      Map<String, Set<ProcessDefinitionPermissions>> wanted, String group) {
    return wanted.computeIfAbsent(group, g -> EnumSet.noneOf(ProcessDefinitionPermissions.class));
  }

  private static List<AuthorizationEntity> groupGrants(
      AuthorizationManager authorizations, String key) {
    AuthorizationQueryImpl query = new AuthorizationQueryImpl();
    query
        .authorizationType(AUTH_TYPE_GRANT)
        .resourceType(Resources.PROCESS_DEFINITION)
        .resourceId(key);
    List<AuthorizationEntity> grants = new ArrayList<>();
    for (Authorization authorization : authorizations.selectAuthorizationByQueryCriteria(query)) {
      if (authorization.getGroupId() != null) {
        grants.add((AuthorizationEntity) authorization);
      }
    }
    return grants;
  }

  /**
   * Starting needs CREATE on process instances as well. It allows nothing without CREATE_INSTANCE
   * on a definition, so it is never taken away.
   */
  private static void grantInstanceCreation(AuthorizationManager authorizations, String group) {
    AuthorizationEntity existing = authorizations.findAuthorizationByGroupIdAndResourceId(
        AUTH_TYPE_GRANT, group, Resources.PROCESS_INSTANCE, ANY);
    if (existing == null) {
      AuthorizationEntity grant = new AuthorizationEntity(AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(Resources.PROCESS_INSTANCE);
      grant.setResourceId(ANY);
      grant.addPermission(ProcessInstancePermissions.CREATE);
      authorizations.insert(grant);
    } else if (!existing.isPermissionGranted(ProcessInstancePermissions.CREATE)) {
      existing.addPermission(ProcessInstancePermissions.CREATE);
    }
  }
}
