package org.exportcontrol.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication settings ({@code exportcontrol.security.*}).
 *
 * @param credentialCacheTtl how long verified HTTP Basic credentials (and the user's groups) are
 *     remembered; a password change, lock or group change takes effect after at most this long.
 *     PT0S checks every request against the identity service (ADR 0011).
 * @param loginThrottle how failed logins slow down further attempts (ADR 0021)
 */
@ConfigurationProperties("exportcontrol.security")
public record CredentialProperties(@DefaultValue("PT30S") Duration credentialCacheTtl,
    @DefaultValue Throttle loginThrottle) {

  /**
   * {@code exportcontrol.security.login-throttle.*}: after the free failures, each further failure
   * doubles the wait before the next attempt, from {@code firstDelay} up to {@code maxDelay}.
   *
   * @param freeFailures failed logins of one user from one address that cost no wait (at least 1,
   *     so that one mistyped password never delays the right one)
   * @param freeFailuresPerAddress failed logins from one address, whatever the user, that cost no
   *     wait: more than {@code freeFailures}, since many people may share an address
   * @param firstDelay the wait once the free failures are spent
   * @param maxDelay the longest wait: nobody is ever kept out for longer by failures
   */
  public record Throttle(@DefaultValue("5") int freeFailures, @DefaultValue("20") int freeFailuresPerAddress,
      @DefaultValue("PT1S") Duration firstDelay, @DefaultValue("PT15M") Duration maxDelay) {

    public Throttle {
      if (freeFailures < 1 || freeFailuresPerAddress < 1) {
        throw new IllegalArgumentException("exportcontrol.security.login-throttle: free failures must be at least 1");
      }
      if (firstDelay.compareTo(Duration.ofMillis(1)) < 0 || maxDelay.compareTo(firstDelay) < 0) {
        throw new IllegalArgumentException(
            "exportcontrol.security.login-throttle: first-delay must be positive and max-delay at least first-delay");
      }
    }
  }
}
