package org.peerflow.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;

/**
 * An HTTP Basic {@code Authorization} header checked against the engine's users (the embedded
 * default's, or the directory's under profile ldap), for Peerflow's own pages and endpoints
 * outside {@code /engine-rest}, which has Camunda's filter.
 */
public final class BasicLogin {

  private BasicLogin() {}

  /** A user id and password as the header gave them. */
  record Credentials(String userId, String password) {}

  /** @return the user id when the header carries that user's password, otherwise null */
  public static String userId(String authorization, IdentityService identityService) {
    Credentials credentials = credentials(authorization);
    return credentials != null
            && identityService.checkPassword(credentials.userId(), credentials.password())
        ? credentials.userId()
        : null;
  }

  /** @return the header's user id and password, or null when it is not HTTP Basic with both */
  static Credentials credentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(
          Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon <= 0
        ? null
        : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
