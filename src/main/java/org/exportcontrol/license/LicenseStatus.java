package org.exportcontrol.license;

/**
 * The states of a license. Public contract. The allowed changes, enforced by {@link LicenseRepository}:
 * ACTIVE → SUSPENDED → ACTIVE (reinstated); ACTIVE or SUSPENDED → REVOKED; ACTIVE or SUSPENDED →
 * EXPIRED; ACTIVE, SUSPENDED or REVOKED → CANCELLED (an administrator ended the case). REVOKED, EXPIRED and
 * CANCELLED are final: no path leads from them back to ACTIVE.
 */
public enum LicenseStatus {
  ACTIVE, SUSPENDED, REVOKED, EXPIRED, CANCELLED
}
