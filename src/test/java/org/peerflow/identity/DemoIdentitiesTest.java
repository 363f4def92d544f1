package org.peerflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;

class DemoIdentitiesTest extends IntegrationTestBase {

  @Autowired
  IdentityService identityService;

  @Autowired
  AuthorizationService authorizationService;

  @Test
  void workflowGroupsExistWithTheirNames() {
    Groups.NAMES.forEach((id, name) -> {
      Group group = identityService.createGroupQuery().groupId(id).singleResult();
      assertThat(group).as(id).isNotNull();
      assertThat(group.getName()).isEqualTo(name);
      assertThat(group.getType()).isEqualTo("WORKFLOW");
    });
  }

  @Test
  void demoUsersExistWithNamesEmailsPasswordAndGroup() {
    for (DemoIdentities.DemoUser demo : DemoIdentities.USERS) {
      User user = identityService.createUserQuery().userId(demo.id()).singleResult();
      assertThat(user).as(demo.id()).isNotNull();
      assertThat(user.getFirstName()).isNotBlank();
      assertThat(user.getLastName()).isNotBlank();
      assertThat(user.getEmail()).isEqualTo(demo.id() + "@peerflow.example");
      assertThat(identityService.checkPassword(demo.id(), demo.id())).isTrue();
      assertThat(identityService
              .createUserQuery()
              .userId(demo.id())
              .memberOfGroup(demo.groupId())
              .count())
          .isEqualTo(1);
    }
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.HR).list())
        .extracting(User::getId)
        .containsExactlyInAnyOrder("harper", "hana");
  }

  @Test
  void everyGroupMayOpenTheTasklistAndSeeNamesButReadsNoTaskItIsNotOffered() {
    for (String group : Groups.NAMES.keySet()) {
      assertThat(allowed(group, Permissions.ACCESS, Resources.APPLICATION, "tasklist"))
          .isTrue();
      assertThat(allowed(group, Permissions.READ, Resources.USER, "harper")).isTrue();
      assertThat(allowed(group, Permissions.READ, Resources.GROUP, Groups.HR)).isTrue();
      assertThat(allowed(group, TaskPermissions.READ, Resources.TASK, "any-task-id"))
          .as(group)
          .isFalse();
      assertThat(allowed(group, Permissions.ACCESS, Resources.APPLICATION, "admin"))
          .isFalse();
    }
  }

  @Test
  void onlyProcessOwnersAndHrOpenCockpit() {
    assertThat(allowed(Groups.PROCESS_OWNERS, Permissions.ACCESS, Resources.APPLICATION, "cockpit"))
        .isTrue();
    assertThat(allowed(Groups.HR, Permissions.ACCESS, Resources.APPLICATION, "cockpit"))
        .isTrue();
    assertThat(allowed(Groups.SUPERVISORS, Permissions.ACCESS, Resources.APPLICATION, "cockpit"))
        .isFalse();
    assertThat(allowed(Groups.CLINICIANS, Permissions.ACCESS, Resources.APPLICATION, "cockpit"))
        .isFalse();
  }

  @Test
  void processOwnersDeployAndReadDefinitionsButNotCaseData() {
    String owners = Groups.PROCESS_OWNERS;
    assertThat(allowed(owners, Permissions.CREATE, Resources.DEPLOYMENT, "*")).isTrue();
    assertThat(allowed(owners, Permissions.DELETE, Resources.DEPLOYMENT, "some-deployment"))
        .isTrue();
    assertThat(allowed(
            owners,
            ProcessDefinitionPermissions.READ,
            Resources.PROCESS_DEFINITION,
            "confidential-demo-record"))
        .isTrue();
    assertThat(allowed(owners, Permissions.READ, Resources.DECISION_DEFINITION, "any-decision"))
        .isTrue();
    assertThat(allowed(
            owners, Permissions.READ, Resources.DECISION_REQUIREMENTS_DEFINITION, "any-drd"))
        .isTrue();
    assertThat(allowed(
            owners,
            ProcessDefinitionPermissions.READ_INSTANCE,
            Resources.PROCESS_DEFINITION,
            "confidential-demo-record"))
        .isFalse();
    assertThat(allowed(
            owners,
            ProcessDefinitionPermissions.READ_HISTORY,
            Resources.PROCESS_DEFINITION,
            "confidential-demo-record"))
        .isFalse();
    assertThat(allowed(Groups.SUPERVISORS, Permissions.CREATE, Resources.DEPLOYMENT, "*"))
        .isFalse();
  }

  private boolean allowed(
      String group, Permission permission, Resource resource, String resourceId) {
    return authorizationService.isUserAuthorized(
        "someone-in-" + group, List.of(group), permission, resource, resourceId);
  }
}
