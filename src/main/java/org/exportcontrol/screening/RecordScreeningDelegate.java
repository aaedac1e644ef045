package org.exportcontrol.screening;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.screening.restrictedparty.RestrictedPartyScreening;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordScreening}}: turns the screening table's hits into the outcome. Any REJECTED hit
 * rejects with every rejection reason; otherwise an INCOMPLETE hit asks the applicant; otherwise a
 * match of the end user on a restricted-party list refers the case to a compliance officer (REFERRED,
 * {@code RESTRICTED_PARTY_MATCH}, status AWAITING_COMPLIANCE_CHECK); no hit and no match passes.
 * Records tier, outcome and status (and, for a rejection, the decision) on the application, and sets
 * {@code screeningOutcome} for the gateway.
 */
@Component("recordScreening")
@ProcessBean
public class RecordScreeningDelegate implements JavaDelegate {

  public static final String REJECTED = "REJECTED";
  public static final String INCOMPLETE = "INCOMPLETE";
  public static final String PASSED = "PASSED";
  /** No table objected, but the end user may be a listed party: a compliance officer checks (issue 18). */
  public static final String REFERRED = "REFERRED";
  public static final String RESTRICTED_PARTY_MATCH = "RESTRICTED_PARTY_MATCH";

  private final ApplicationRepository applications;
  private final DecisionLog decisionLog;
  private final RestrictedPartyScreening restrictedParties;
  private final Clock clock;

  public RecordScreeningDelegate(ApplicationRepository applications, DecisionLog decisionLog,
      RestrictedPartyScreening restrictedParties, Clock clock) {
    this.applications = applications;
    this.decisionLog = decisionLog;
    this.restrictedParties = restrictedParties;
    this.clock = clock;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute(DelegateExecution execution) {
    String applicationId = (String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
    String tier = (String) execution.getVariable(ExportLicenseReviewProcess.COUNTRY_TIER);
    List<Map<String, Object>> hits = (List<Map<String, Object>>) execution.getVariable(ExportLicenseReviewProcess.SCREENING_RESULTS);
    // the raw table result served its purpose; the outcome is recorded below
    execution.removeVariable(ExportLicenseReviewProcess.SCREENING_RESULTS);

    List<String> rejections = reasons(hits, REJECTED);
    List<String> missing = reasons(hits, INCOMPLETE);
    String outcome = !rejections.isEmpty() ? REJECTED : !missing.isEmpty() ? INCOMPLETE : PASSED;
    // the end user against the restricted-party lists, once no table rejects or asks (a hard
    // rejection stays immediate; a missing certificate is asked for first, and the answer screens again)
    if (PASSED.equals(outcome) && restrictedParties.screenApplication(execution)) {
      outcome = REFERRED;
    }
    List<String> reasons = switch (outcome) {
      case REJECTED -> rejections;
      case REFERRED -> List.of(RESTRICTED_PARTY_MATCH);
      default -> missing;
    };
    ApplicationStatus status = switch (outcome) {
      case REJECTED -> ApplicationStatus.REJECTED;
      case INCOMPLETE -> ApplicationStatus.INFORMATION_REQUESTED;
      case REFERRED -> ApplicationStatus.AWAITING_COMPLIANCE_CHECK;
      default -> ApplicationStatus.IN_REVIEW;
    };
    applications.recordScreening(applicationId, tier, outcome, reasons, status);
    String reference = execution.getProcessBusinessKey();
    decisionLog.recordBySystem(reference, DecisionAction.SCREENED,
        DecisionLog.details("outcome", outcome, "countryTier", tier, "reasons", reasons));
    if (REJECTED.equals(outcome)) {
      // the reasons are the table's codes; a rationale is only what a person wrote, and none did
      applications.recordDecision(applicationId, status, REJECTED, reasons, null, OffsetDateTime.now(clock), "screening");
      decisionLog.recordBySystem(reference, DecisionAction.REFUSED,
          DecisionLog.details("reasons", reasons, "refusedBy", "screening"));
    }
    execution.setVariable(ExportLicenseReviewProcess.SCREENING_OUTCOME, outcome);
    execution.setVariable(ExportLicenseReviewProcess.DECISION_REASONS, String.join(",", reasons));
  }

  private static List<String> reasons(List<Map<String, Object>> hits, String outcome) {
    return hits == null ? List.of() : hits.stream()
        .filter(hit -> outcome.equals(hit.get("outcome")))
        .map(hit -> String.valueOf(hit.get("reason")))
        .distinct()
        .toList();
  }
}
