package org.peerflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** The diagram is the source of truth for who may start and read its cases. */
class ProcessAccessSyncTest extends IntegrationTestBase {

  private static final String KEY = "identity-sync-probe";

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  AuthorizationService authorizationService;

  @AfterEach
  void removeProbe() {
    repositoryService
        .createDeploymentQuery()
        .deploymentName(KEY)
        .list()
        .forEach(deployment -> repositoryService.deleteDeployment(deployment.getId(), true));
    authorizationService
        .createAuthorizationQuery()
        .resourceType(Resources.PROCESS_DEFINITION)
        .resourceId(KEY)
        .list()
        .forEach(authorization -> authorizationService.deleteAuthorization(authorization.getId()));
  }

  @Test
  void declaredStartersMayStartAndDeclaredReadersReadInstancesAndHistory() {
    deploy("hr,peer-specialists", "hr,supervisors");

    assertThat(allowed(Groups.PEER_SPECIALISTS, ProcessDefinitionPermissions.CREATE_INSTANCE))
        .isTrue();
    assertThat(allowed(Groups.PEER_SPECIALISTS, ProcessDefinitionPermissions.READ))
        .isTrue();
    assertThat(allowed(Groups.PEER_SPECIALISTS, ProcessDefinitionPermissions.READ_INSTANCE))
        .isFalse();
    assertThat(authorizationService.isUserAuthorized(
            "pat",
            List.of(Groups.PEER_SPECIALISTS),
            ProcessInstancePermissions.CREATE,
            Resources.PROCESS_INSTANCE,
            "*"))
        .isTrue();
    assertThat(allowed(Groups.SUPERVISORS, ProcessDefinitionPermissions.READ_INSTANCE))
        .isTrue();
    assertThat(allowed(Groups.SUPERVISORS, ProcessDefinitionPermissions.READ_HISTORY))
        .isTrue();
    assertThat(allowed(Groups.SUPERVISORS, ProcessDefinitionPermissions.CREATE_INSTANCE))
        .isFalse();
    assertThat(allowed(Groups.CLINICIANS, ProcessDefinitionPermissions.READ)).isFalse();
  }

  @Test
  void redeployingWithoutAReaderGroupRemovesItsAccess() {
    deploy("hr,peer-specialists", "hr,supervisors");

    deploy("hr", "hr");

    assertThat(grantOf(Groups.SUPERVISORS)).as("supervisors' grant on " + KEY).isNull();
    assertThat(grantOf(Groups.PEER_SPECIALISTS))
        .as("peer specialists' grant on " + KEY)
        .isNull();
    assertThat(allowed(Groups.SUPERVISORS, ProcessDefinitionPermissions.READ_INSTANCE))
        .isFalse();
    assertThat(allowed(Groups.HR, ProcessDefinitionPermissions.CREATE_INSTANCE)).isTrue();
    assertThat(allowed(Groups.HR, ProcessDefinitionPermissions.READ_HISTORY)).isTrue();
  }

  @Test
  void permissionsADiagramCannotDeclareAreLeftToTheAdministrator() {
    deploy("hr", "hr,supervisors");
    Authorization supervisors = grantOf(Groups.SUPERVISORS);
    supervisors.addPermission(ProcessDefinitionPermissions.DELETE_INSTANCE);
    authorizationService.saveAuthorization(supervisors);

    deploy("hr", "hr");

    assertThat(allowed(Groups.SUPERVISORS, ProcessDefinitionPermissions.DELETE_INSTANCE))
        .isTrue();
    assertThat(allowed(Groups.SUPERVISORS, ProcessDefinitionPermissions.READ_INSTANCE))
        .isFalse();
    assertThat(allowed(Groups.SUPERVISORS, ProcessDefinitionPermissions.READ)).isFalse();
  }

  private void deploy(String starters, String readers) {
    repositoryService
        .createDeployment()
        .name(KEY)
        .addInputStream(
            KEY + ".bpmn", new ByteArrayInputStream(ProbeModels.bpmn(KEY, starters, readers)))
        .addInputStream(KEY + ".form", new ByteArrayInputStream(ProbeModels.form(KEY)))
        .deploy();
  }

  private Authorization grantOf(String group) {
    return authorizationService
        .createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(group)
        .resourceType(Resources.PROCESS_DEFINITION)
        .resourceId(KEY)
        .singleResult();
  }

  private boolean allowed(String group, Permission permission) {
    return authorizationService.isUserAuthorized(
        "someone-in-" + group, List.of(group), permission, Resources.PROCESS_DEFINITION, KEY);
  }
}
