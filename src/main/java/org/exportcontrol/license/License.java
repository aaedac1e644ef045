package org.exportcontrol.license;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A license as stored in table {@code license}. */
public record License(String licenseNumber, String applicationId, LicenseStatus status, LocalDate validFrom,
    LocalDate validUntil, String conditions, OffsetDateTime issuedAt, OffsetDateTime suspendedAt,
    OffsetDateTime revokedAt, String revocationReason, OffsetDateTime expiredAt, String cancellationReason,
    OffsetDateTime cancelledAt) {

  /** Still in force (ACTIVE or SUSPENDED): it can still be suspended, revoked or expired. */
  public boolean inForce() {
    return status == LicenseStatus.ACTIVE || status == LicenseStatus.SUSPENDED;
  }

  /** In force, or surrendered by its holder: misuse can still be found and the license revoked (issue 17). */
  public boolean revocable() {
    return inForce() || status == LicenseStatus.SURRENDERED;
  }

  public static License issue(String number, String applicationId, LocalDate validFrom, LocalDate validUntil,
      String conditions, OffsetDateTime issuedAt) {
    return new License(number, applicationId, LicenseStatus.ACTIVE, validFrom, validUntil, conditions, issuedAt,
        null, null, null, null, null, null);
  }
}
