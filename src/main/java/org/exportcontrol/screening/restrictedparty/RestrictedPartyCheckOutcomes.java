package org.exportcontrol.screening.restrictedparty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.wording.Wording;
import org.springframework.stereotype.Component;

/**
 * What follows a compliance officer's restricted-party check, each step first checking the decision
 * log holds the check it rests on (ADR 0017): {@code ${refuseRestrictedParty}} rejects the application
 * with reason {@code RESTRICTED_PARTY} (presumption of denial; the applicant's email names the reason,
 * never the list entry); {@code ${clearRestrictedParty}} lets the reviews start and tells the reviewers
 * who cleared the possible match and why.
 */
public final class RestrictedPartyCheckOutcomes {

  public static final String RESTRICTED_PARTY = "RESTRICTED_PARTY";

  private RestrictedPartyCheckOutcomes() {}

  /** The latest check of the case, which must have the given outcome; refused otherwise. */
  static DecisionLogEntry requireCheck(DecisionLog decisionLog, ApplicationRepository applications,
      DelegateExecution execution, boolean confirmed) {
    String reference = execution.getProcessBusinessKey();
    Map<String, Object> context = DecisionLog.details("activity", execution.getCurrentActivityId());
    Application application = applications.find((String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID))
        .orElseThrow(() -> decisionLog.refusal(reference, "no such application", context));
    if (application.status() != ApplicationStatus.AWAITING_COMPLIANCE_CHECK) {
      throw decisionLog.refusal(reference, "the application is " + application.status()
          + ", not awaiting a compliance check", context);
    }
    List<DecisionLogEntry> entries = decisionLog.entries(reference);
    for (int i = entries.size() - 1; i >= 0; i--) {
      DecisionLogEntry entry = entries.get(i);
      if (entry.action() == DecisionAction.RESTRICTED_PARTY_CHECKED) {
        if (!String.valueOf(confirmed).equals(entry.detail("matchConfirmed"))) {
          break;
        }
        return entry;
      }
    }
    throw decisionLog.refusal(reference, confirmed ? "no compliance officer confirmed a restricted-party match"
        : "no compliance officer cleared the restricted-party match", context);
  }

  @Component("refuseRestrictedParty")
  @ProcessBean
  public static class Refuse implements JavaDelegate {

    private final ApplicationRepository applications;
    private final DecisionLog decisionLog;
    private final Clock clock;

    public Refuse(ApplicationRepository applications, DecisionLog decisionLog, Clock clock) {
      this.applications = applications;
      this.decisionLog = decisionLog;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      DecisionLogEntry check = requireCheck(decisionLog, applications, execution, true);
      String applicationId = (String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
      // the officer's notes stay in the log: the applicant reads the reason, not the list entry
      applications.recordDecision(applicationId, ApplicationStatus.REJECTED, "REJECTED", List.of(RESTRICTED_PARTY),
          null, OffsetDateTime.now(clock), check.actor());
      decisionLog.recordBySystem(execution.getProcessBusinessKey(), DecisionAction.REFUSED,
          DecisionLog.details("reasons", List.of(RESTRICTED_PARTY), "refusedBy", check.actor()));
      execution.setVariable(ExportLicenseReviewProcess.DECISION_REASONS, RESTRICTED_PARTY);
    }
  }

  @Component("clearRestrictedParty")
  @ProcessBean
  public static class Clear implements JavaDelegate {

    private final ApplicationRepository applications;
    private final DecisionLog decisionLog;
    private final Wording wording;

    public Clear(ApplicationRepository applications, DecisionLog decisionLog, Wording wording) {
      this.applications = applications;
      this.decisionLog = decisionLog;
      this.wording = wording;
    }

    @Override
    public void execute(DelegateExecution execution) {
      DecisionLogEntry check = requireCheck(decisionLog, applications, execution, false);
      applications.updateStatus((String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID),
          ApplicationStatus.IN_REVIEW);
      execution.setVariable(ExportLicenseReviewProcess.RESTRICTED_PARTY_CLEARANCE,
          "A possible restricted-party match was cleared by " + wording.name(check.actor()) + " on "
              + wording.dateTime(check.at()) + ": " + check.detail("notes"));
    }
  }
}
