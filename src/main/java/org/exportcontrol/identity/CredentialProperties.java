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
 */
@ConfigurationProperties("exportcontrol.security")
public record CredentialProperties(@DefaultValue("PT30S") Duration credentialCacheTtl) {}
