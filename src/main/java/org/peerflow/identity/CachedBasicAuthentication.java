package org.peerflow.identity;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's HTTP Basic login for the REST API, with the password check, groups and tenants taken
 * from {@link VerifiedLogins}: Camunda's filter reads groups and tenants itself only when the
 * provider gives none. Everything else (which paths need a login, the 401 and its challenge, the
 * engine's authentication for the request) stays Camunda's.
 */
final class CachedBasicAuthentication extends HttpBasicAuthenticationProvider {

  private final VerifiedLogins logins;

  CachedBasicAuthentication(VerifiedLogins logins) {
    this.logins = logins;
  }

  @Override
  public AuthenticationResult extractAuthenticatedUser(
      HttpServletRequest request, ProcessEngine engine) {
    BasicLogin.Credentials credentials = BasicLogin.credentials(request.getHeader("Authorization"));
    if (credentials == null) {
      return AuthenticationResult.unsuccessful();
    }
    VerifiedLogins.Login login =
        logins.verify(credentials.userId(), credentials.password(), engine.getIdentityService());
    if (login == null) {
      return AuthenticationResult.unsuccessful(credentials.userId());
    }
    AuthenticationResult result = AuthenticationResult.successful(login.userId());
    result.setGroups(login.groups());
    result.setTenants(login.tenants());
    return result;
  }

  /** Camunda's filter, whose provider (named by class in its init parameters) is replaced by this one. */
  static final class Filter extends ProcessEngineAuthenticationFilter {

    private final VerifiedLogins logins;

    Filter(VerifiedLogins logins) {
      this.logins = logins;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
      super.init(config);
      authenticationProvider = new CachedBasicAuthentication(logins);
    }
  }
}
