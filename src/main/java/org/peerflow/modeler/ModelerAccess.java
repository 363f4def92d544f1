package org.peerflow.modeler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.peerflow.identity.BasicLogin;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may use the web modeler: members of process-owners and camunda-admin, logged in either in
 * the Camunda webapps (the same HTTP session: log in once on the welcome page) or with HTTP Basic
 * against the engine's identity service (curl, scripts, tests). Groups are read from the identity
 * service on every request, so removing someone from process-owners takes effect at once.
 */
@Component
class ModelerAccess {

  static final Set<String> MODELER_GROUPS = Set.of("process-owners", Groups.CAMUNDA_ADMIN);
  /**
   * Every API call must carry this header. A cross-site page can make the browser send the session
   * cookie or cached Basic credentials, but it cannot add a custom header without a CORS preflight,
   * which this application never answers: so no other site can check, deploy or restore for a user.
   */
  static final String CSRF_HEADER = "X-Peerflow-Modeler";

  private final ProcessEngine processEngine;
  private final IdentityService identityService;

  ModelerAccess(ProcessEngine processEngine) {
    this.processEngine = processEngine;
    this.identityService = processEngine.getIdentityService();
  }

  record ModelerUser(String id, List<String> groupIds) {}

  /** @throws ResponseStatusException 401 without a valid login, 403 outside the modeler groups */
  ModelerUser require(HttpServletRequest request) {
    String userId = sessionUser(request.getSession(false));
    if (userId == null) {
      userId = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
    }
    if (userId == null) {
      throw new ResponseStatusException(
          HttpStatus.UNAUTHORIZED,
          "Log in with your Peerflow user (Camunda welcome page or HTTP Basic)");
    }
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .toList();
    if (groups.stream().noneMatch(MODELER_GROUPS::contains)) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "The web modeler is for members of process-owners and camunda-admin");
    }
    return new ModelerUser(userId, groups);
  }

  /** As {@link #require}, and the call must come from the modeler's own page (see CSRF_HEADER). */
  ModelerUser requireForApi(HttpServletRequest request) {
    ModelerUser user = require(request);
    if (request.getHeader(CSRF_HEADER) == null) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "Missing header " + CSRF_HEADER
              + ": the modeler API answers only the modeler page and scripts that send it");
    }
    return user;
  }

  private String sessionUser(HttpSession session) {
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null
        ? null
        : authentications.getAuthenticationForProcessEngine(processEngine.getName());
    return authentication == null ? null : authentication.getIdentityId();
  }

  private String basicUser(String authorization) {
    return BasicLogin.userId(authorization, identityService);
  }
}
