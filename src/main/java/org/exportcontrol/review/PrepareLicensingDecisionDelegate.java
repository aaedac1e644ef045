package org.exportcontrol.review;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${prepareLicensingDecision}}: after the three reviews, gathers every reviewer's conditions
 * into the suggested license conditions (pre-filled as {@code licenseConditions} in the officer's
 * form) and marks the application AWAITING_DECISION.
 */
@Component("prepareLicensingDecision")
@ProcessBean
public class PrepareLicensingDecisionDelegate implements JavaDelegate {

  private final ReviewRecords records;
  private final ApplicationRepository applications;
  private final DecisionLog decisionLog;

  public PrepareLicensingDecisionDelegate(ReviewRecords records, ApplicationRepository applications,
      DecisionLog decisionLog) {
    this.records = records;
    this.applications = applications;
    this.decisionLog = decisionLog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = (String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
    String conditions = records.latest(applicationId, ExportLicenseReviewProcess.REVIEWS).stream()
        .filter(r -> Recommendation.APPROVE_WITH_CONDITIONS.name().equals(r.outcome()))
        .map(r -> label(r.step()) + ": " + r.comments())
        .collect(Collectors.joining("\n"));
    execution.setVariable(ExportLicenseReviewProcess.SUGGESTED_CONDITIONS, conditions);
    execution.setVariable(ExportLicenseReviewProcess.LICENSE_CONDITIONS, conditions);
    applications.updateStatus(applicationId, ApplicationStatus.AWAITING_DECISION);
    decisionLog.recordBySystem(execution.getProcessBusinessKey(), DecisionAction.REVIEWS_COMPLETED, DecisionLog.details(
        "suggestedOutcome", execution.getVariable(ExportLicenseReviewProcess.SUGGESTED_OUTCOME),
        "suggestedConditions", conditions.isEmpty() ? null : conditions));
  }

  private static String label(String step) {
    return switch (step) {
      case ExportLicenseReviewProcess.TECHNICAL_REVIEW -> "Technical";
      case ExportLicenseReviewProcess.LEGAL_REVIEW -> "Legal";
      default -> "Foreign affairs";
    };
  }
}
