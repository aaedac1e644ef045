package org.exportcontrol.misuse;

/** The outcome of a suspension's review. */
public enum SuspensionOutcome {
  REINSTATE, REVOKE
}
