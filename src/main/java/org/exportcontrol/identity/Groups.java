package org.exportcontrol.identity;

import java.util.List;

/** The group ids that tasks, authorizations and the API rely on. Public contract: do not rename. */
public final class Groups {

  public static final String ADMIN = "camunda-admin";
  public static final String TECHNICAL_REVIEWERS = "technical-reviewers";
  public static final String LEGAL_REVIEWERS = "legal-reviewers";
  public static final String FOREIGN_AFFAIRS_REVIEWERS = "foreign-affairs-reviewers";
  public static final String LICENSING_OFFICERS = "licensing-officers";
  public static final String COMPLIANCE_OFFICERS = "compliance-officers";
  /**
   * Heads of unit: told of every official step past its deadline, and a shutdown escalation is
   * stepped up to them from the second missed deadline.
   */
  public static final String LICENSING_MANAGERS = "licensing-managers";
  public static final String APPLICANTS = "applicants";

  /** Group type of the groups that stand for an exporting company; a user belongs to at most one. */
  public static final String COMPANY_TYPE = "exporter-company";

  /** Groups whose members work in Tasklist and may read every application. */
  public static final List<String> STAFF = List.of(
      TECHNICAL_REVIEWERS, LEGAL_REVIEWERS, FOREIGN_AFFAIRS_REVIEWERS, LICENSING_OFFICERS, COMPLIANCE_OFFICERS,
      LICENSING_MANAGERS);

  private Groups() {}
}
