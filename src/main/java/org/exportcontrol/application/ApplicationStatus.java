package org.exportcontrol.application;

/**
 * Where an application stands. Public contract. SUPERSEDED: the applicant amended it while it was
 * under review; the amendment (a new application) goes on in its place (issue 17).
 */
public enum ApplicationStatus {
  INFORMATION_REQUESTED, AWAITING_COMPLIANCE_CHECK, IN_REVIEW, AWAITING_DECISION, APPROVED, REJECTED, WITHDRAWN, CANCELLED,
  SUPERSEDED,
  /** A licensing officer's refusal is appealed (issue 17): the appeal ends APPROVED or REJECTED again. */
  UNDER_APPEAL;

  /** Decided, withdrawn, cancelled or superseded: nothing more happens to the application. */
  public boolean isClosed() {
    return this == APPROVED || this == REJECTED || this == WITHDRAWN || this == CANCELLED || this == SUPERSEDED;
  }

  /** Still under review: the states from which an amendment may supersede the application. */
  public boolean isAmendable() {
    return this == INFORMATION_REQUESTED || this == IN_REVIEW || this == AWAITING_DECISION;
  }
}
