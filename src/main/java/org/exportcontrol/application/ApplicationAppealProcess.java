package org.exportcontrol.application;

import java.util.List;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * The contract of processes/applicationAppeal.bpmn (issue 17, ADR 0030): an applicant's appeal against
 * a licensing officer's refusal, assessed by one licensing officer and decided by another, neither of
 * whom took part in the refusal. Business key: the appeal's reference ({@code APL-<year>-<number>}).
 * Beside the application's other contracts, because the applicant's API starts it; its rules and
 * delegates are in package {@code appeal}.
 */
@Component
public class ApplicationAppealProcess extends ProcessContract {

  public static final String KEY = "applicationAppeal";

  public static final String ASSESS = "assessAppeal";
  public static final String DECIDE = "decideAppeal";

  /** The application's id and reference (the task cards' reference and the case file's link). */
  public static final String APPLICATION_ID = ExportLicenseReviewProcess.APPLICATION_ID;
  public static final String REFERENCE = ExportLicenseReviewProcess.REFERENCE;
  public static final String APPEAL_REFERENCE = "appealReference";
  /** The appellant: the applicant who appealed, who gets the emails. */
  public static final String SUBMITTED_BY = ExportLicenseReviewProcess.SUBMITTED_BY;
  public static final String GROUNDS = "appealGrounds";
  /** When the appeal is to be decided: receipt + exportcontrol.sla.appeal-decision; both steps' due date. */
  public static final String DUE_DATE = "appealDueDate";

  // the fields of the user tasks
  public static final String RECOMMENDATION = "appealRecommendation";
  public static final String ASSESSMENT = "appealAssessment";
  public static final String OUTCOME = "appealOutcome";
  public static final String RATIONALE = "appealRationale";
  public static final String LICENSE_CONDITIONS = ExportLicenseReviewProcess.LICENSE_CONDITIONS;

  /** Who assessed the appeal (set by the assessment's rule; the decision's separation of duties reads it). */
  public static final String ASSESSED_BY = "appealAssessedBy";

  public static final String GRANT = "GRANT";
  public static final String UPHOLD = "UPHOLD";
  public static final String APPROVED_ON_APPEAL = "APPROVED_ON_APPEAL";
  public static final String REFUSED_AFTER_APPEAL = "REFUSED_AFTER_APPEAL";

  private static final List<UserTask> TASKS = List.of(
      new UserTask(ASSESS, Groups.LICENSING_OFFICERS, RECOMMENDATION, ASSESSMENT),
      new UserTask(DECIDE, Groups.LICENSING_OFFICERS, OUTCOME, RATIONALE, LICENSE_CONDITIONS));

  public ApplicationAppealProcess() {
    super(KEY, TASKS, List.of(Groups.APPLICANTS), null);
  }
}
