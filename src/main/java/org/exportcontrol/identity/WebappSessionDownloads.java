package org.exportcontrol.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a person logged into Tasklist or Cockpit open a document link of a form (ADR 0027): a GET of
 * {@code /api/applications/{id}/documents/{documentId}} or {@code /api/licenses/{number}/documents/{documentId}}
 * without an Authorization header is authenticated by the webapps' session, as the session's user with
 * the groups the identity service gives that user now (a removed user or group counts at once).
 * Nothing else of /api accepts the session: every other request stays HTTP Basic, so no request that
 * changes anything can ride on the session cookie, and the webapps' CSRF protection is untouched.
 * The case's own rules then apply as for HTTP Basic (another company's document: 404).
 */
public class WebappSessionDownloads extends OncePerRequestFilter {

  static final Pattern DOWNLOAD = Pattern.compile("/api/(applications|licenses)/[^/]+/documents/[^/]+");
  /** Where Camunda's webapps keep their logins in the session (AuthenticationUtil). */
  static final String SESSION_ATTRIBUTE = "authenticatedUser";

  private final IdentityService identityService;

  public WebappSessionDownloads(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !(HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod()))
        || request.getHeader(HttpHeaders.AUTHORIZATION) != null
        || !DOWNLOAD.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> user = sessionUser(request.getSession(false));
    if (user.isPresent() && SecurityContextHolder.getContext().getAuthentication() == null) {
      List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(user.get()).list().stream()
          .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, groups));
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
  }

  /** The user the webapps logged in with this session, if that user still exists. */
  private Optional<String> sessionUser(HttpSession session) {
    if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof Authentications logins)) {
      return Optional.empty();
    }
    return logins.getAuthentications().stream()
        .map(UserAuthentication::getIdentityId)
        .filter(id -> id != null && identityService.createUserQuery().userId(id).count() == 1)
        .findFirst();
  }
}
