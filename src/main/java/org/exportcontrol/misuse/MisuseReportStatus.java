package org.exportcontrol.misuse;

/** Where a misuse report stands. Public contract. */
public enum MisuseReportStatus {
  RECEIVED, UNDER_INVESTIGATION, AWAITING_DECISION, CLOSED_NOT_CREDIBLE, CLOSED_UNSUBSTANTIATED, CLOSED_WARNING, CLOSED_SUSPENDED, CLOSED_REVOKED, CANCELLED
}
