package org.exportcontrol.license;

import java.time.OffsetDateTime;

/** The shutdown order of a revoked license, as stored in table {@code license_shutdown}. */
public record Shutdown(String licenseNumber, OffsetDateTime orderedAt, OffsetDateTime deadline, int escalations,
    OffsetDateTime confirmedAt, OffsetDateTime shutdownAt, String confirmationEvidence, String confirmedBy,
    OffsetDateTime verifiedAt, String verifiedBy, String verificationNotes) {

  public boolean isVerified() {
    return verifiedAt != null;
  }
}
