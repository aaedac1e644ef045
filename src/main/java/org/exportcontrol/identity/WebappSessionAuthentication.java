package org.exportcontrol.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The staff's pages beside the webapps (the case file) use the webapps' own login: the user who logged
 * into Tasklist, Cockpit or Admin in this browser session, with no second password prompt. Only the user
 * id is taken from the session; the groups are read afresh from the identity service on every request,
 * so a user removed from a staff group (or deleted) loses the page at once, not when the webapps' own
 * cache of the session's groups runs out. Never creates a session.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

  private final IdentityService identityService;
  private final String engineName;

  WebappSessionAuthentication(IdentityService identityService, String engineName) {
    this.identityService = identityService;
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String userId = sessionUser(request.getSession(false));
    if (userId != null && identityService.createUserQuery().userId(userId).count() == 1) {
      List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).listPage(0, 100)
          .stream().map(Group::getId).map(SimpleGrantedAuthority::new).toList();
      SecurityContextHolder.getContext().setAuthentication(
          UsernamePasswordAuthenticationToken.authenticated(userId, null, groups));
    }
    chain.doFilter(request, response);
  }

  private String sessionUser(HttpSession session) {
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    var authentication = authentications == null ? null : authentications.getAuthenticationForProcessEngine(engineName);
    return authentication == null ? null : authentication.getIdentityId();
  }
}
