package org.exportcontrol.application;

import java.time.OffsetDateTime;

/**
 * An appeal against a licensing officer's refusal, as stored in table {@code appeal}: at most one per
 * application.
 *
 * @param status {@code RECEIVED}, {@code UNDER_ASSESSMENT} (an officer took up its assessment) or {@code DECIDED}
 * @param outcome {@code APPROVED_ON_APPEAL}, {@code REFUSED_AFTER_APPEAL}, or null until decided
 */
public record Appeal(String reference, String applicationId, String status, String grounds,
    OffsetDateTime submittedAt, String submittedBy, String outcome, String rationale, OffsetDateTime decidedAt,
    String decidedBy, String processInstanceId) {

  public static final String RECEIVED = "RECEIVED";
  public static final String UNDER_ASSESSMENT = "UNDER_ASSESSMENT";
  public static final String DECIDED = "DECIDED";
}
