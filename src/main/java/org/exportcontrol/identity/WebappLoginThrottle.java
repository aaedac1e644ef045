package org.exportcontrol.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.regex.Pattern;
import org.exportcontrol.api.ReadableAgain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login form (Tasklist, Cockpit, Admin post it to
 * {@code /camunda/api/admin/auth/user/{engine}/login/{app}}) checks the password in Camunda's own
 * resource, past {@link VerifiedCredentials}; this filter puts it behind the same
 * {@link LoginThrottle} as the APIs (ADR 0021). It reads the user name from the form and hands the
 * body on unread (reading it as parameters would make Jersey warn on every login). Camunda answers a
 * wrong password 401 and logs it; a success is 2xx; anything else (no access to the app, a missing
 * CSRF token) costs nothing.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

  private static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");
  /** A login form is a user name and a password: anything longer is not one. */
  private static final int MAX_FORM = 16 * 1024;

  private static final Logger log = LoggerFactory.getLogger(WebappLoginThrottle.class);

  private final LoginThrottle throttle;

  WebappLoginThrottle(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !LOGIN.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] form = request.getInputStream().readNBytes(MAX_FORM + 1);
    if (form.length > MAX_FORM) {
      SecurityConfiguration.writeProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, "A login form is at most 16 KiB");
      return;
    }
    Charset charset = ReadableAgain.charset(request);
    String userId = formValue(new String(form, charset), "username", charset);
    String address = request.getRemoteAddr();
    LoginThrottle.Attempt attempt = throttle.attempt(userId, address);
    if (attempt.refused()) {
      log.warn("Webapp login for user '{}' from {} refused for {} s: too many failed attempts",
          userId == null ? "" : userId.replaceAll("[\\r\\n]", "_"), address, attempt.retryAfter().toSeconds());
      SecurityConfiguration.writeTooManyAttempts(response, attempt.retryAfter());
      return;
    }
    try {
      chain.doFilter(new ReadableAgain(request, form), response);
    } catch (IOException | ServletException | RuntimeException e) {
      attempt.undecided();
      throw e;
    }
    int status = response.getStatus();
    if (status >= 200 && status < 300) {
      attempt.succeeded();
    } else if (status != HttpServletResponse.SC_UNAUTHORIZED) {
      attempt.undecided();
    }
  }

  /** The first value of a field of a URL-encoded form, as the login resource's form parameter gets it. */
  static String formValue(String form, String name, Charset charset) {
    for (String field : form.split("&")) {
      int equals = field.indexOf('=');
      try {
        if (equals > 0 && name.equals(URLDecoder.decode(field.substring(0, equals), charset))) {
          return URLDecoder.decode(field.substring(equals + 1), charset);
        }
      } catch (IllegalArgumentException malformed) {
        // a '%' that starts no escape: no user's id has one (letters, digits and dashes); the attempt
        // still counts, as one of an unknown user
        return null;
      }
    }
    return null;
  }
}
