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

  /** @return the user id when the header carries that user's password, otherwise null */
  public static String userId(String authorization, IdentityService identityService) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String credentials;
    try {
      credentials = new String(
          Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = credentials.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String userId = credentials.substring(0, colon);
    return identityService.checkPassword(userId, credentials.substring(colon + 1)) ? userId : null;
  }
}
