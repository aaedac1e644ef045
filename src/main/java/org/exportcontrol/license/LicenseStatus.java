package org.exportcontrol.license;

/**
 * The states of a license. Public contract. The allowed changes, enforced by {@link LicenseRepository}:
 * ACTIVE → SUSPENDED → ACTIVE (reinstated); ACTIVE or SUSPENDED → REVOKED; ACTIVE or SUSPENDED →
 * EXPIRED. REVOKED and EXPIRED are final: no path leads from them back to ACTIVE.
 */
public enum LicenseStatus {
  ACTIVE, SUSPENDED, REVOKED, EXPIRED
}
