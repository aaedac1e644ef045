package org.exportcontrol.application;

/** Where an application stands. Public contract. */
public enum ApplicationStatus {
  INFORMATION_REQUESTED, AWAITING_COMPLIANCE_CHECK, IN_REVIEW, AWAITING_DECISION, APPROVED, REJECTED, WITHDRAWN, CANCELLED;

  /** Decided, withdrawn or cancelled: nothing more happens to the application. */
  public boolean isClosed() {
    return this == APPROVED || this == REJECTED || this == WITHDRAWN || this == CANCELLED;
  }
}
