package org.exportcontrol.misuse;

import java.util.List;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.identity.Groups;
import org.exportcontrol.license.LicenseGrounds;
import org.springframework.stereotype.Component;

/** The contract of processes/misuseReport.bpmn: triage, interim suspension, investigation, the officer's action. */
@Component
public class MisuseReportProcess extends ProcessContract {

  public static final String KEY = "misuseReport";

  public static final String TRIAGE = "triageMisuseReport";
  public static final String INVESTIGATE = "investigateMisuse";
  public static final String DECIDE_ACTION = "decideMisuseAction";
  public static final String REVIEW_SUSPENSION = "reviewSuspension";

  public static final String REPORT_ID = "misuseReportId";
  /** The report's reference; the revocation it calls gets it too (the grounds of a license's change). */
  public static final String REFERENCE = LicenseGrounds.REPORT_REFERENCE;
  /** The report's reference again, under the name every task card reads (TaskCards). */
  public static final String CARD_REFERENCE = "reference";
  public static final String LICENSE_NUMBER = "licenseNumber";
  public static final String INVESTIGATED_BY = "investigatedBy";
  public static final String REVOCATION_REASON = "revocationReason";
  public static final String CATEGORY = "misuseCategory";
  public static final String SOURCE = "misuseSource";
  public static final String SUMMARY = "misuseSummary";

  // the fields of the user tasks
  public static final String CREDIBLE = "credible";
  public static final String SEVERITY = "severity";
  public static final String FINDING = "finding";
  public static final String INVESTIGATION_SUMMARY = "investigationSummary";
  public static final String MISUSE_ACTION = "misuseAction";
  public static final String ACTION_RATIONALE = "actionRationale";
  public static final String SUSPENSION_OUTCOME = "suspensionOutcome";
  /** Why a critical report suspends the license at once: required with severity CRITICAL. */
  public static final String TRIAGE_RATIONALE = "triageRationale";
  /** Why the suspension's review reinstates or revokes: always required. */
  public static final String SUSPENSION_REVIEW_RATIONALE = "suspensionReviewRationale";

  private static final List<UserTask> TASKS = List.of(
      new UserTask(TRIAGE, Groups.COMPLIANCE_OFFICERS, CREDIBLE, SEVERITY, TRIAGE_RATIONALE),
      new UserTask(INVESTIGATE, Groups.COMPLIANCE_OFFICERS, FINDING, INVESTIGATION_SUMMARY),
      new UserTask(DECIDE_ACTION, Groups.LICENSING_OFFICERS, MISUSE_ACTION, ACTION_RATIONALE),
      new UserTask(REVIEW_SUSPENSION, Groups.LICENSING_OFFICERS, SUSPENSION_OUTCOME, SUSPENSION_REVIEW_RATIONALE));

  public MisuseReportProcess() {
    super(KEY, TASKS, List.of(Groups.COMPLIANCE_OFFICERS), null);
  }
}
