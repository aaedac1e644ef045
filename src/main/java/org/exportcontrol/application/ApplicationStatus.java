package org.exportcontrol.application;

/** Where an application stands. Public contract. */
public enum ApplicationStatus {
  INFORMATION_REQUESTED, IN_REVIEW, AWAITING_DECISION, APPROVED, REJECTED, WITHDRAWN, CANCELLED,
  /** A licensing officer's refusal is appealed (issue 17): the appeal ends APPROVED or REJECTED again. */
  UNDER_APPEAL;

  /** Decided, withdrawn or cancelled: nothing more happens to the application. */
  public boolean isClosed() {
    return this == APPROVED || this == REJECTED || this == WITHDRAWN || this == CANCELLED;
  }
}
