package org.peerflow;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/** Users and groups a test needs besides the demo identities; created once, kept across tests. */
public final class TestUsers {

  private TestUsers() {}

  /**
   * A user {@code id} with e-mail {@code id@peerflow.example} and password {@code id-password},
   * member of {@code group} (created if absent) unless it is null.
   */
  public static void ensure(IdentityService identityService, String id, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName(id);
      user.setLastName("Test");
      user.setEmail(id + "@peerflow.example");
      user.setPassword(id + "-password");
      identityService.saveUser(user);
    }
    if (group == null) {
      return;
    }
    if (identityService.createGroupQuery().groupId(group).count() == 0) {
      Group newGroup = identityService.newGroup(group);
      newGroup.setName(group);
      newGroup.setType("WORKFLOW");
      identityService.saveGroup(newGroup);
    }
    if (identityService.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
      identityService.createMembership(id, group);
    }
  }
}
