package org.peerflow.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * REST logins verified recently: a user id, a keyed hash of the password that was accepted, and
 * the user's groups and tenants at that moment. Without it every HTTP Basic request costs three
 * engine commands before its own work (check the password, read the groups, read the tenants),
 * each with its own database transaction and its own wait for a pooled connection — about a fifth
 * of the database time of the Tasklist's claim-and-complete load, and three of every four waits
 * for a connection (bench/RESULTS.md, "HTTP path under load").
 *
 * <p>Only a password the engine accepted is kept, never the password itself: an HMAC-SHA256 under
 * a random key that lives in this object only, compared in constant time. A wrong password always
 * goes to the engine, which counts failed attempts and locks the account as configured; any failed
 * login and any change of identities ({@link LoginCacheEviction}) forget every entry.
 */
@Component
public class VerifiedLogins {

  /** Far more than a site's users; reaching it forgets everything rather than grow without bound. */
  static final int MOST_ENTRIES = 10_000;

  /** The identity a request runs as: its groups and tenants, read from the engine at verification. */
  public record Login(String userId, List<String> groups, List<String> tenants) {}

  private record Entry(byte[] passwordHash, Login login, long expiresAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  /** Moves on every forget, so that a verification that overlapped a change is not kept. */
  private final AtomicLong generation = new AtomicLong();

  private final SecretKeySpec key;
  private final long timeToLiveNanos;
  private final LongSupplier clock;

  @Autowired
  VerifiedLogins(LoginCacheProperties properties) {
    this(properties, System::nanoTime);
  }

  VerifiedLogins(LoginCacheProperties properties, LongSupplier nanoClock) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.timeToLiveNanos = properties.timeToLive().toNanos();
    this.clock = nanoClock;
  }

  /**
   * @return the login when the engine accepts this user's password (now or within the time to
   *     live, with no identity change since), otherwise null
   */
  public Login verify(String userId, String password, IdentityService identityService) {
    if (userId == null || userId.isEmpty() || password == null) {
      return null;
    }
    byte[] hash = hash(userId, password);
    Entry known = entries.get(userId);
    if (known != null
        && clock.getAsLong() - known.expiresAt() < 0
        && MessageDigest.isEqual(known.passwordHash(), hash)) {
      return known.login();
    }
    long before = generation.get();
    if (!identityService.checkPassword(userId, password)) {
      return null;
    }
    Login login =
        new Login(userId, groupsOf(userId, identityService), tenantsOf(userId, identityService));
    if (timeToLiveNanos > 0) {
      remember(userId, new Entry(hash, login, clock.getAsLong() + timeToLiveNanos), before);
    }
    return login;
  }

  private void remember(String userId, Entry entry, long generationBeforeVerifying) {
    if (entries.size() >= MOST_ENTRIES) {
      entries.clear();
    }
    entries.put(userId, entry);
    // an identity change committed while we verified may have read the old password or groups
    if (generation.get() != generationBeforeVerifying) {
      entries.remove(userId, entry);
    }
  }

  /** Every verification is repeated by the engine from now on (after a change of identities or a failed login). */
  public void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  int size() {
    return entries.size();
  }

  /** As Camunda's REST filter reads them when a provider gives none. */
  private static List<String> groupsOf(String userId, IdentityService identityService) {
    return identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .toList();
  }

  private static List<String> tenantsOf(String userId, IdentityService identityService) {
    return identityService
        .createTenantQuery()
        .userMember(userId)
        .includingGroupsOfUser(true)
        .list()
        .stream()
        .map(Tenant::getId)
        .toList();
  }

  private byte[] hash(String userId, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(userId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
