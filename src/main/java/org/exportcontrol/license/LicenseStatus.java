package org.exportcontrol.license;

/**
 * The states of a license. Public contract. The allowed changes, enforced by {@link LicenseRepository}:
 * ACTIVE → SUSPENDED → ACTIVE (reinstated); ACTIVE or SUSPENDED → REVOKED; ACTIVE or SUSPENDED →
 * EXPIRED; ACTIVE or SUSPENDED → SURRENDERED (the holder gave it up, no shutdown pending; issue 17);
 * SURRENDERED → REVOKED (misuse found after the surrender: the revocation and its shutdown order still
 * follow); ACTIVE, SUSPENDED, SURRENDERED or REVOKED → CANCELLED (an administrator ended the case).
 * REVOKED, EXPIRED, SURRENDERED and CANCELLED are not in force: no path leads from them back to ACTIVE.
 */
public enum LicenseStatus {
  ACTIVE, SUSPENDED, REVOKED, EXPIRED, CANCELLED, SURRENDERED
}
