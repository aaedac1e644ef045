package org.exportcontrol.review;

import static org.exportcontrol.audit.DecisionLog.details;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
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
import org.springframework.stereotype.Component;

/**
 * {@code ${recordRefusal}}: the licensing officer refused (or the second officer did not countersign);
 * the application is REJECTED with reason REVIEW_REFUSED and the rationale that person wrote. Only on
 * the record ({@link LicensingGrounds}).
 */
@Component("recordRefusal")
@ProcessBean
public class RecordRefusalDelegate implements JavaDelegate {

  public static final String REVIEW_REFUSED = "REVIEW_REFUSED";

  private final ApplicationRepository applications;
  private final LicensingGrounds grounds;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public RecordRefusalDelegate(ApplicationRepository applications, LicensingGrounds grounds, DecisionLog decisionLog,
      Clock clock) {
    this.applications = applications;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LicensingGrounds.Decided refused = grounds.requireRefusal(execution);
    Application application = refused.application();
    DecisionLogEntry refusal = refused.decision();
    String rationale = refusal.action() == DecisionAction.DECIDED ? refusal.detail("rationale") : refusal.detail("comments");
    applications.recordDecision(application.id(), ApplicationStatus.REJECTED, "REJECTED", List.of(REVIEW_REFUSED),
        rationale, OffsetDateTime.now(clock), refusal.actor());
    decisionLog.record(application.reference(), DecisionAction.REFUSED,
        details("reasons", List.of(REVIEW_REFUSED), "rationale", rationale, "refusedBy", refusal.actor()));
    execution.setVariable(ExportLicenseReviewProcess.DECISION_REASONS, REVIEW_REFUSED);
    execution.setVariable(ExportLicenseReviewProcess.DECISION_RATIONALE_TEXT, rationale);
  }
}
