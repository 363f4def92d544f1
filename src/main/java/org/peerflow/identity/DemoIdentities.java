package org.peerflow.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo users of the README ("Who works in Peerflow"), only when {@code peerflow.demo.enabled=true} (the embedded default),
 * each with the password of its user id. The administrator comes from
 * {@code camunda.bpm.admin-user}, not from here.
 */
@Component
class DemoIdentities {

  private static final Logger LOG = LoggerFactory.getLogger(DemoIdentities.class);

  static final String EMAIL_DOMAIN = "peerflow.example";

  record DemoUser(String id, String firstName, String lastName, String groupId) {
    String email() {
      return id + "@" + EMAIL_DOMAIN;
    }
  }

  static final List<DemoUser> USERS = List.of(
      new DemoUser("harper", "Harper", "Hughes", Groups.HR),
      new DemoUser("hana", "Hana", "Haddad", Groups.HR),
      new DemoUser("sam", "Sam", "Serrano", Groups.SUPERVISORS),
      new DemoUser("sky", "Sky", "Sullivan", Groups.SUPERVISORS),
      new DemoUser("pat", "Pat", "Price", Groups.PEER_SPECIALISTS),
      new DemoUser("pia", "Pia", "Park", Groups.PEER_SPECIALISTS),
      new DemoUser("casey", "Casey", "Chen", Groups.CLINICIANS),
      new DemoUser("owen", "Owen", "Ortiz", Groups.PROCESS_OWNERS),
      new DemoUser("oscar", "Oscar", "Okafor", Groups.OPERATORS));

  private final IdentityService identityService;
  private final DemoProperties properties;

  DemoIdentities(IdentityService identityService, DemoProperties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  /**
   * Creates missing users and memberships; an existing user keeps the password and names it has,
   * so that a demo that changed them survives a restart.
   */
  void create() {
    if (!properties.enabled()) {
      return;
    }
    if (identityService.isReadOnly()) {
      LOG.warn(
          "PEERFLOW-IDN-007 peerflow.demo.enabled is set but the identity provider is read-only "
              + "(a directory): no demo users are created");
      return;
    }
    int created = 0;
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.email());
        user.setPassword(demo.id());
        identityService.saveUser(user);
        created++;
      }
      if (identityService
              .createUserQuery()
              .userId(demo.id())
              .memberOfGroup(demo.groupId())
              .count()
          == 0) {
        identityService.createMembership(demo.id(), demo.groupId());
      }
    }
    LOG.info(
        "PEERFLOW-IDN-003 Demo identities enabled ({} created now): {} - the password of each is its user id",
        created,
        USERS.stream().map(DemoUser::id).toList());
  }
}
