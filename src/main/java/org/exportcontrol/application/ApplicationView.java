package org.exportcontrol.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.exportcontrol.document.DocumentView;

/**
 * What {@code GET /api/applications/{id}} answers. Public contract: the names are exporters' integration.
 * {@code documents}: the files attached to the application, oldest first (ADR 0027).
 * {@code amendmentOf}: the reference of the application this one amends; {@code supersededBy}: the
 * reference of the amendment that superseded it (status SUPERSEDED); null otherwise (issue 17).
 * {@code appeal}: the appeal against a refusal, or null (issue 17).
 * {@code reviews} is for staff only: applicants never see the reviewers' advice (absent, not empty).
 */
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
    LicenseSummary license,
    Cancellation cancellation,
    String amendmentOf,
    String supersededBy,
    Appeal appeal,
    List<DocumentView> documents,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Review> reviews) {

  public record Exporter(String name) {}

  public record Product(String name, String category, String controlEntry, String description,
      boolean remoteShutdownCapable) {}

  public record EndUser(String name, String type, String country) {}

  public record Certificate(String signatory, LocalDate signedOn, Boolean prohibitedUsesAcknowledged) {}

  public record ContractValue(BigDecimal amount, String currency) {}

  /**
   * {@code matches}: the restricted-party list entries the end user matched (issue 18), for staff only:
   * applicants see the outcome and the reason, never the list entry (absent, not empty).
   */
  public record Screening(String outcome, List<String> reasons,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<ScreeningMatch> matches) {}

  /** A restricted-party list entry the end user matched, with the similarity of the names (0..1). */
  public record ScreeningMatch(String source, String entryId, String name, double score) {}

  public record OpenRequest(String requestId, String question, OffsetDateTime askedAt) {}

  /** {@code refusalCriteria}: the {@link RefusalCriterion} codes a licensing officer's refusal rests on, else empty. */
  public record Decision(String outcome, List<String> reasons, List<String> refusalCriteria, String rationale,
      OffsetDateTime decidedAt) {}

  /** A recommendation, decision or countersignature, oldest first. */
  public record Review(String step, String outcome, String comments, String by, OffsetDateTime at) {}

  /**
   * The appeal against a licensing officer's refusal (issue 17), or null when none was made.
   *
   * @param status {@code RECEIVED}, {@code UNDER_ASSESSMENT}, {@code DECIDED}
   * @param outcome {@code APPROVED_ON_APPEAL}, {@code REFUSED_AFTER_APPEAL}, or null until decided
   * @param rationale the deciding officer's rationale, once decided
   */
  public record Appeal(String reference, String status, String grounds, OffsetDateTime submittedAt, String outcome,
      String rationale, OffsetDateTime decidedAt) {}

  /** Set when an administrator ended the case (status CANCELLED). */
  public record Cancellation(String reason, OffsetDateTime cancelledAt) {}

  public record LicenseSummary(String number, String status, LocalDate validFrom, LocalDate validUntil,
      String conditions) {}
}
