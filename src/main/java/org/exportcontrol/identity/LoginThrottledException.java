package org.exportcontrol.identity;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/**
 * A login attempt refused before its password was checked, because too many failed before it
 * (ADR 0021): answered 429 with {@code Retry-After}. An authentication failure to Spring Security, so
 * that /api's entry point answers it; /engine-rest's filter catches it itself.
 */
public class LoginThrottledException extends AuthenticationException {

  private final Duration retryAfter;

  public LoginThrottledException(Duration retryAfter) {
    super("Too many failed logins");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
