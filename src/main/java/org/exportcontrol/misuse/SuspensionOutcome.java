package org.exportcontrol.misuse;

/**
 * The outcome of a suspension's review. Public contract. {@code CLOSE} ends the review of a license
 * that is no longer in force (revoked by another report, expired or cancelled while suspended):
 * nothing is left to reinstate or revoke.
 */
public enum SuspensionOutcome {
  REINSTATE, REVOKE, CLOSE
}
