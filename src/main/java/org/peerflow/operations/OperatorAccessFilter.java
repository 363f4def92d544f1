package org.peerflow.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.peerflow.identity.BasicLogin;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /actuator}: metrics and detailed health only for operators (HTTP Basic against the
 * engine's users, members of a group in {@code peerflow.operators.groups}). Liveness and readiness
 * answer anyone, because orchestrators probe without credentials; they show the status only
 * ({@code management.endpoint.health.show-details=when-authorized}, role {@link #OPERATOR_ROLE}).
 */
class OperatorAccessFilter extends OncePerRequestFilter {

  /** The role Actuator checks before it shows health details (management.endpoint.health.roles). */
  static final String OPERATOR_ROLE = "operators";

  private static final Set<String> PROBES =
      Set.of("/actuator/health/liveness", "/actuator/health/readiness");

  private final IdentityService identityService;
  private final OperatorsProperties properties;

  OperatorAccessFilter(IdentityService identityService, OperatorsProperties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String operator = operator(request.getHeader("Authorization"));
    if (operator != null) {
      chain.doFilter(new OperatorRequest(request, operator), response);
    } else if (PROBES.contains(path)) {
      chain.doFilter(request, response);
    } else {
      response.setHeader(
          "WWW-Authenticate", "Basic realm=\"Peerflow operations\", charset=\"UTF-8\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Operators only");
    }
  }

  /** @return the user id when the header carries the password of a member of an operators' group */
  private String operator(String authorization) {
    String userId = BasicLogin.userId(authorization, identityService);
    if (userId == null) {
      return null;
    }
    boolean member = identityService
            .createGroupQuery()
            .groupMember(userId)
            .groupIdIn(properties.groups().toArray(String[]::new))
            .count()
        > 0;
    return member ? userId : null;
  }

  /** What Actuator reads to decide whether to show health details. */
  private static final class OperatorRequest extends HttpServletRequestWrapper {
    private final String userId;

    OperatorRequest(HttpServletRequest request, String userId) {
      super(request);
      this.userId = userId;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> userId;
    }

    @Override
    public String getRemoteUser() {
      return userId;
    }

    @Override
    public boolean isUserInRole(String role) {
      return OPERATOR_ROLE.equals(role);
    }
  }
}
