package org.exportcontrol.license;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A license as stored in table {@code license}. */
public record License(String licenseNumber, String applicationId, String status, LocalDate validFrom,
    LocalDate validUntil, String conditions, OffsetDateTime issuedAt, OffsetDateTime suspendedAt,
    OffsetDateTime revokedAt, String revocationReason, OffsetDateTime expiredAt, String cancellationReason,
    OffsetDateTime cancelledAt) {

  public static License issue(String number, String applicationId, LocalDate validFrom, LocalDate validUntil,
      String conditions, OffsetDateTime issuedAt) {
    return new License(number, applicationId, LicenseStatus.ACTIVE.name(), validFrom, validUntil, conditions, issuedAt,
        null, null, null, null, null, null);
  }
}
