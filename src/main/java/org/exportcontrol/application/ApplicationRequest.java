package org.exportcontrol.application;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /api/applications}. Enum values are strings here so that validation can
 * name every bad value at once; {@link ApplicationValidator} checks them. The exporting company is
 * never part of the body: it is the authenticated user's.
 */
public record ApplicationRequest(Product product, EndUser endUser, List<Purpose> declaredPurposes,
    EndUseCertificate endUseCertificate, ContractValue contractValue) {

  public record Product(
      @Schema(minLength = 1, maxLength = 200) String name,
      @Schema(allowableValues = {"INTRUSION_SOFTWARE", "INTERCEPTION", "NETWORK_SURVEILLANCE",
          "FORENSIC_EXTRACTION", "OTHER_CYBER"}) String category,
      @Schema(maxLength = 32, example = "4.D.4", nullable = true) String controlEntry,
      @Schema(maxLength = 4000) String description,
      Boolean remoteShutdownCapable) {}

  public record EndUser(
      @Schema(minLength = 1, maxLength = 200) String name,
      @Schema(allowableValues = {"LAW_ENFORCEMENT", "INTELLIGENCE", "MILITARY", "OTHER_GOVERNMENT",
          "PRIVATE_COMPANY", "INDIVIDUAL"}) String type,
      @Schema(description = "ISO 3166-1 alpha-2", example = "DE") String country) {}

  /** Either {@code {kind: TERRORIST_ACT, act}} or {@code {kind: SERIOUS_CRIME, offence, maxPenaltyYears}}. */
  public record Purpose(
      @Schema(allowableValues = {"TERRORIST_ACT", "SERIOUS_CRIME"}) String kind,
      @Schema(allowableValues = {"ATTACK_ON_PERSONS", "HOSTAGE_TAKING", "ATTACK_ON_PUBLIC_FACILITIES",
          "ATTACK_ON_CRITICAL_INFRASTRUCTURE", "SEIZURE_OF_AIRCRAFT_OR_VESSEL", "RELEASE_OF_DANGEROUS_SUBSTANCES"},
          nullable = true) String act,
      @Schema(minLength = 1, maxLength = 200, nullable = true) String offence,
      @Schema(minimum = "0", maximum = "100", nullable = true) Integer maxPenaltyYears) {}

  public record EndUseCertificate(
      @Schema(minLength = 1, maxLength = 200) String signatory,
      @Schema(description = "not in the future") LocalDate signedOn,
      Boolean prohibitedUsesAcknowledged) {}

  public record ContractValue(@Schema(minimum = "0") BigDecimal amount,
      @Schema(description = "ISO 4217", example = "EUR") String currency) {}
}
