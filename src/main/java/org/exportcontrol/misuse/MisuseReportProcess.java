package org.exportcontrol.misuse;

import java.util.List;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/** The contract of processes/misuseReport.bpmn: triage, interim suspension, investigation, the officer's action. */
@Component
public class MisuseReportProcess implements ProcessContract {

  public static final String KEY = "misuseReport";

  public static final String TRIAGE = "triageMisuseReport";
  public static final String INVESTIGATE = "investigateMisuse";
  public static final String DECIDE_ACTION = "decideMisuseAction";
  public static final String REVIEW_SUSPENSION = "reviewSuspension";

  public static final String REPORT_ID = "misuseReportId";
  public static final String REFERENCE = "misuseReference";
  public static final String LICENSE_NUMBER = "licenseNumber";
  public static final String INVESTIGATED_BY = "investigatedBy";
  public static final String REVOCATION_REASON = "revocationReason";

  private static final List<UserTask> TASKS = List.of(
      new UserTask(TRIAGE, Groups.COMPLIANCE_OFFICERS, "credible", "severity"),
      new UserTask(INVESTIGATE, Groups.COMPLIANCE_OFFICERS, "finding", "investigationSummary"),
      new UserTask(DECIDE_ACTION, Groups.LICENSING_OFFICERS, "misuseAction", "actionRationale"),
      new UserTask(REVIEW_SUSPENSION, Groups.LICENSING_OFFICERS, "suspensionOutcome"));

  @Override
  public String processKey() {
    return KEY;
  }

  @Override
  public List<UserTask> userTasks() {
    return TASKS;
  }
}
