package org.exportcontrol.misuse;

/** What a misuse report alleges. Public contract. */
public enum MisuseCategory {
  POLITICAL_TARGETING, JOURNALIST_OR_ACTIVIST_TARGETING, PRIVACY_LAW_VIOLATION, USE_OUTSIDE_DECLARED_PURPOSES, UNAUTHORIZED_TRANSFER, OTHER,
  /** Opened by the re-screening when the license's end user appears on a restricted-party list (issue 18). */
  RESTRICTED_PARTY_LISTED
}
