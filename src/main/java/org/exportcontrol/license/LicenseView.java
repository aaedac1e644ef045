package org.exportcontrol.license;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.exportcontrol.document.DocumentView;

/**
 * What {@code GET /api/licenses/{number}} answers. Public contract. {@code documents}: the files
 * attached to the license (shutdown evidence, the diplomatic note), oldest first (ADR 0027).
 * {@code surrender}: the holder's surrender, or null (issue 17).
 * {@code issuedOnAppeal}: issued because an appeal against a refusal was granted (issue 17).
 */
public record LicenseView(
    String number,
    LicenseStatus status,
    String applicationReference,
    Exporter exporter,
    Product product,
    EndUser endUser,
    LocalDate validFrom,
    LocalDate validUntil,
    String conditions,
    OffsetDateTime suspendedAt,
    OffsetDateTime revokedAt,
    String revocationReason,
    ShutdownView shutdown,
    Cancellation cancellation,
    List<DocumentView> documents,
    Surrender surrender,
    boolean issuedOnAppeal) {

  /** Set when the holder surrendered the license (status SURRENDERED, or REVOKED or CANCELLED afterwards). */
  public record Surrender(String reason, OffsetDateTime surrenderedAt) {}

  /** Set when an administrator ended the case (status CANCELLED). */
  public record Cancellation(String reason, OffsetDateTime cancelledAt) {}

  public record Exporter(String name) {}

  public record Product(String name, String category) {}

  public record EndUser(String name, String type, String country) {}

  public record ShutdownView(OffsetDateTime orderedAt, OffsetDateTime deadline, OffsetDateTime confirmedAt,
      OffsetDateTime verifiedAt) {}
}
