package org.peerflow.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the workflow groups in every profile: diagrams name them as candidate groups, starters
 * and readers, so they must exist before anybody can be made a member in Camunda Admin.
 */
@Component
class WorkflowGroups {

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowGroups.class);

  private final IdentityService identityService;

  WorkflowGroups(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * Creates the missing groups; an existing group is left as an administrator edited it. With a
   * read-only identity provider (profile ldap: the directory) nothing is created: the groups are
   * the directory's, and a missing one is named in the log.
   */
  void create() {
    if (identityService.isReadOnly()) {
      Groups.NAMES.keySet().stream()
          .filter(id -> identityService.createGroupQuery().groupId(id).count() == 0)
          .forEach(id -> LOG.warn(
              "PEERFLOW-IDN-006 The directory has no group '{}': its tasks reach nobody "
                  + "until the directory has a group with that id (peerflow.ldap.group-id-attribute)",
              id));
      return;
    }
    Groups.NAMES.forEach((id, name) -> createMissing(id, name, Groups.TYPE));
    createMissing(Groups.OPERATORS, Groups.OPERATORS_NAME, Groups.SYSTEM_TYPE);
  }

  private void createMissing(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(id);
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
    LOG.info("PEERFLOW-IDN-001 Created group {} (\"{}\")", id, name);
  }
}
