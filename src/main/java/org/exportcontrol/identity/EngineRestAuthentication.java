package org.exportcontrol.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's authentication filter for /engine-rest (it sets the engine user, so that Camunda's
 * authorizations apply per user and group), with HTTP Basic checked by {@link VerifiedCredentials}
 * like the project's own API, throttled alike. The provider also hands over the groups and tenants,
 * which the filter would otherwise query on every request.
 */
public class EngineRestAuthentication extends ProcessEngineAuthenticationFilter {

  private final VerifiedCredentials credentials;

  public EngineRestAuthentication(VerifiedCredentials credentials) {
    this.credentials = credentials;
  }

  /** A throttled attempt is answered 429 here: Camunda's filter knows only 401 and success. */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      super.doFilter(request, response, chain);
    } catch (LoginThrottledException e) {
      SecurityConfiguration.writeTooManyAttempts((HttpServletResponse) response, e.retryAfter());
    }
  }

  /** Keeps this provider: Camunda's init would instantiate the one named in the filter's parameters. */
  @Override
  public void init(FilterConfig filterConfig) {
    authenticationProvider = new Basic();
    servletPathPrefix = filterConfig.getInitParameter(SERVLET_PATH_PREFIX);
  }

  /** Camunda's HTTP Basic provider (its challenge included), reading the header the same way. */
  private final class Basic extends HttpBasicAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, BASIC_AUTH_HEADER_PREFIX, 0, BASIC_AUTH_HEADER_PREFIX.length())) {
        return AuthenticationResult.unsuccessful();
      }
      String decoded;
      try {
        decoded = new String(Base64.getMimeDecoder().decode(header.substring(BASIC_AUTH_HEADER_PREFIX.length()).trim()),
            StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return AuthenticationResult.unsuccessful();
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return AuthenticationResult.unsuccessful();
      }
      String userId = decoded.substring(0, colon);
      return credentials.verify(userId, decoded.substring(colon + 1), request.getRemoteAddr()).map(verified -> {
        AuthenticationResult result = AuthenticationResult.successful(verified.userId());
        result.setGroups(verified.groupIds());
        result.setTenants(verified.tenantIds());
        return result;
      }).orElseGet(() -> AuthenticationResult.unsuccessful(userId));
    }
  }
}
