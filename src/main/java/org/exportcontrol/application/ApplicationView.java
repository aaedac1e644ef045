package org.exportcontrol.application;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What {@code GET /api/applications/{id}} answers. Public contract: the names are exporters' integration. */
public record ApplicationView(
    String id,
    String reference,
    ApplicationStatus status,
    OffsetDateTime submittedAt,
    Exporter exporter,
    Product product,
    EndUser endUser,
    String countryTier,
    List<Application.Purpose> declaredPurposes,
    Certificate endUseCertificate,
    ContractValue contractValue,
    Screening screening,
    List<OpenRequest> openRequests,
    Decision decision,
    LicenseSummary license) {

  public record Exporter(String name) {}

  public record Product(String name, String category, String controlEntry, String description,
      boolean remoteShutdownCapable) {}

  public record EndUser(String name, String type, String country) {}

  public record Certificate(String signatory, LocalDate signedOn, Boolean prohibitedUsesAcknowledged) {}

  public record ContractValue(BigDecimal amount, String currency) {}

  public record Screening(String outcome, List<String> reasons) {}

  public record OpenRequest(String requestId, String question, OffsetDateTime askedAt) {}

  public record Decision(String outcome, List<String> reasons, String rationale, OffsetDateTime decidedAt) {}

  public record LicenseSummary(String number, String status, LocalDate validFrom, LocalDate validUntil,
      String conditions) {}
}
