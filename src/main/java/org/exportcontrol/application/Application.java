package org.exportcontrol.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An export license application as stored in table {@code application}. {@code amendmentOf}: the
 * reference of the application this one amends (null for a first application); {@code supersededBy}:
 * the reference of the amendment that superseded this one (issue 17).
 */
public record Application(
    String id,
    String reference,
    ApplicationStatus status,
    OffsetDateTime submittedAt,
    String submittedBy,
    String exporterCompany,
    String exporterName,
    String productName,
    String productCategory,
    String productControlEntry,
    String productDescription,
    boolean productRemoteShutdownCapable,
    String endUserName,
    String endUserType,
    String endUserCountry,
    String countryTier,
    List<Purpose> declaredPurposes,
    String certificateSignatory,
    LocalDate certificateSignedOn,
    Boolean certificateProhibitedUsesAcknowledged,
    BigDecimal contractAmount,
    String contractCurrency,
    String screeningOutcome,
    List<String> screeningReasons,
    String decisionOutcome,
    List<String> decisionReasons,
    String decisionRationale,
    OffsetDateTime decidedAt,
    String decidedBy,
    String processInstanceId,
    Cancellation cancellation,
    String amendmentOf,
    String supersededBy,
    List<String> refusalCriteria) {

  /** An administrator ended the case: who, when and why. */
  public record Cancellation(String reason, OffsetDateTime cancelledAt, String cancelledBy) {}

  /** A declared purpose: a terrorist act, or a serious crime with its maximum penalty. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Purpose(String kind, String act, String offence, Integer maxPenaltyYears) {}

  public boolean hasCertificate() {
    return certificateSignatory != null;
  }

  /** The policy's condition for review: a signed certificate that acknowledges the prohibited uses. */
  public boolean certificateComplete() {
    return hasCertificate() && Boolean.TRUE.equals(certificateProhibitedUsesAcknowledged);
  }

  /** The lowest maximum penalty among the declared serious crimes, or null when none is declared. */
  public Integer minSeriousCrimePenaltyYears() {
    return declaredPurposes.stream()
        .filter(p -> PurposeKind.SERIOUS_CRIME.name().equals(p.kind()))
        .map(Purpose::maxPenaltyYears)
        .min(Integer::compare)
        .orElse(null);
  }
}
