package org.exportcontrol.identity;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's identity service, the same store (and the same
 * throttle after failed attempts) as the webapps and /engine-rest. The granted authorities are the
 * user's Camunda group ids. A throttled attempt's {@link LoginThrottledException} passes through to
 * the entry point, which answers 429.
 */
@Component
public class CamundaAuthenticationProvider implements AuthenticationProvider {

  private final VerifiedCredentials credentials;

  public CamundaAuthenticationProvider(VerifiedCredentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    Object password = authentication.getCredentials();
    String address = authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";
    VerifiedCredentials.Verified verified = credentials
        .verify(authentication.getName(), password == null ? null : password.toString(), address)
        .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
    List<SimpleGrantedAuthority> groups = verified.groupIds().stream().map(SimpleGrantedAuthority::new).toList();
    return UsernamePasswordAuthenticationToken.authenticated(verified.userId(), null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
