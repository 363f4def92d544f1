package org.peerflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A REST caller's verified login is reused (VerifiedLogins), and never past what the engine knows:
 * a changed password, a removed membership or an account locked by failed logins take effect on
 * the next request. A change the engine does not make itself (a directory's, here written into the
 * table behind its back) is seen once the time to live has passed.
 */
class LoginCacheTest extends IntegrationTestBase {

  private static final String USER = "login-cache-probe";
  private static final String PASSWORD = "first-password-1";
  private static final String COUNT = "/engine-rest/task/count";
  /** Whether the caller's groups may open Cockpit: hr may, a user in no group may not. */
  private static final String MAY_OPEN_COCKPIT =
      "/engine-rest/authorization/check?permissionName=ACCESS&resourceName=Application&resourceType=0&resourceId=cockpit";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  @Autowired
  JdbcTemplate jdbc;

  Rest rest;

  @BeforeEach
  void createProbeUser() {
    rest = new Rest(port);
    User user = identityService.newUser(USER);
    user.setPassword(PASSWORD);
    user.setEmail(USER + "@peerflow.test");
    identityService.saveUser(user);
    identityService.createMembership(USER, Groups.HR);
  }

  @AfterEach
  void deleteProbeUser() {
    identityService.deleteUser(USER);
  }

  @Test
  void aSecondRequestReusesTheVerifiedLoginInsteadOfAskingTheEngineAgain() {
    assertThat(call(PASSWORD, COUNT).status()).isEqualTo(200);
    changePasswordBehindTheEnginesBack();

    assertThat(call(PASSWORD, COUNT).status())
        .as("served from the verified login")
        .isEqualTo(200);
  }

  @Test
  void aChangedPasswordIsRefusedOnTheNextRequest() {
    assertThat(call(PASSWORD, COUNT).status()).isEqualTo(200);
    User user = identityService.createUserQuery().userId(USER).singleResult();
    user.setPassword("second-password-2");
    identityService.saveUser(user);

    // the new one through the engine alone: a refused REST attempt would delay the account's next
    // login (Camunda's loginDelayBase), and a verified new password would replace the cached old
    // one
    assertThat(identityService.checkPassword(USER, "second-password-2")).isTrue();
    assertThat(call(PASSWORD, COUNT).status()).isEqualTo(401);
  }

  @Test
  void aRemovedMembershipEndsTheGroupsAccessOnTheNextRequest() {
    assertThat(call(PASSWORD, MAY_OPEN_COCKPIT).json().path("authorized").asBoolean())
        .isTrue();
    identityService.deleteMembership(USER, Groups.HR);

    Rest.Response check = call(PASSWORD, MAY_OPEN_COCKPIT);
    assertThat(check.status()).as(check.body()).isEqualTo(200);
    assertThat(check.json().path("authorized").asBoolean()).as(check.body()).isFalse();
  }

  @Test
  void anAccountLockedByFailedLoginsIsRefusedEvenWithItsVerifiedPassword() {
    assertThat(call(PASSWORD, COUNT).status()).isEqualTo(200);
    // Camunda locks an account for a while after each failed attempt and for good after ten
    // (loginDelayBase, loginAttempts); here through the Tasklist's login path, not the REST API
    for (int attempt = 0; attempt < 10; attempt++) {
      identityService.checkPassword(USER, "a-wrong-guess");
    }

    assertThat(call(PASSWORD, COUNT).status()).isEqualTo(401);
  }

  @Test
  void aVerifiedLoginExpiresAfterItsTimeToLiveAndZeroTurnsReuseOff() {
    AtomicLong now = new AtomicLong();
    VerifiedLogins minute =
        new VerifiedLogins(new LoginCacheProperties(Duration.ofMinutes(1)), now::get);
    VerifiedLogins never = new VerifiedLogins(new LoginCacheProperties(Duration.ZERO), now::get);
    assertThat(minute.verify(USER, PASSWORD, identityService)).isNotNull();
    assertThat(never.verify(USER, PASSWORD, identityService)).isNotNull();
    changePasswordBehindTheEnginesBack();

    assertThat(never.verify(USER, PASSWORD, identityService)).isNull();
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(minute.verify(USER, PASSWORD, identityService)).isNotNull();
    assertThat(minute.verify(USER, "a-wrong-guess", identityService))
        .as("only the verified password")
        .isNull();
  }

  @Test
  void aVerifiedLoginIsNotReusedOnceItsTimeToLiveHasPassed() {
    AtomicLong now = new AtomicLong();
    VerifiedLogins minute =
        new VerifiedLogins(new LoginCacheProperties(Duration.ofMinutes(1)), now::get);
    assertThat(minute.verify(USER, PASSWORD, identityService)).isNotNull();
    changePasswordBehindTheEnginesBack();
    now.addAndGet(Duration.ofSeconds(61).toNanos());

    assertThat(minute.verify(USER, PASSWORD, identityService)).isNull();
  }

  /** As a directory would: the engine runs no command, so nothing is forgotten. */
  private void changePasswordBehindTheEnginesBack() {
    assertThat(jdbc.update(
            "UPDATE ACT_ID_USER SET PWD_ = ? WHERE ID_ = ?", "{SHA-512}changed-elsewhere", USER))
        .isEqualTo(1);
  }

  private Rest.Response call(String password, String path) {
    return rest.call("GET", USER, password, path, null);
  }
}
