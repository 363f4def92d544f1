package org.peerflow.identity;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Brings groups, baseline authorizations, demo users and Tasklist filters into place once the
 * engine is built and before the web server accepts anybody (SmartInitializingSingleton runs
 * before the server starts, also in tests). Every step is idempotent: a restart changes nothing,
 * and what an administrator changed in Camunda Admin is kept.
 */
@Component
class IdentitySetup implements SmartInitializingSingleton {

  private final WorkflowGroups groups;
  private final BaselineAuthorizations authorizations;
  private final DemoIdentities demoIdentities;
  private final TasklistFilters filters;

  IdentitySetup(
      WorkflowGroups groups,
      BaselineAuthorizations authorizations,
      DemoIdentities demoIdentities,
      TasklistFilters filters) {
    this.groups = groups;
    this.authorizations = authorizations;
    this.demoIdentities = demoIdentities;
    this.filters = filters;
  }

  @Override
  public void afterSingletonsInstantiated() {
    groups.create();
    authorizations.grant();
    demoIdentities.create();
    filters.create();
  }
}
