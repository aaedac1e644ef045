package org.exportcontrol.review;

import static org.exportcontrol.audit.DecisionLog.details;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
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
import org.exportcontrol.engine.SlaSettings;
import org.exportcontrol.wording.Wording;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordRefusal}}: the licensing officer refused (or the second officer did not countersign);
 * the application is REJECTED with reason REVIEW_REFUSED and the rationale that person wrote. Only on
 * the record ({@link LicensingGrounds}). The criteria the officer ticked go with it: on the
 * application, in the decision log, and in words into the email, with the deadline of an appeal.
 */
@Component("recordRefusal")
@ProcessBean
public class RecordRefusalDelegate implements JavaDelegate {

  public static final String REVIEW_REFUSED = ExportLicenseReviewProcess.REVIEW_REFUSED;

  private final ApplicationRepository applications;
  private final LicensingGrounds grounds;
  private final DecisionLog decisionLog;
  private final SlaSettings sla;
  private final Wording wording;
  private final Clock clock;

  public RecordRefusalDelegate(ApplicationRepository applications, LicensingGrounds grounds, DecisionLog decisionLog,
      SlaSettings sla, Wording wording, Clock clock) {
    this.sla = sla;
    this.wording = wording;
    this.applications = applications;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  /** The criteria the officer ticked, as the decision log recorded them (none for a refused countersignature). */
  static List<String> criteria(DecisionLogEntry refusal) {
    JsonNode recorded = refusal.details().get("refusalCriteria");
    List<String> criteria = new ArrayList<>();
    if (recorded != null && recorded.isArray()) {
      recorded.forEach(code -> criteria.add(code.asText()));
    }
    return criteria;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LicensingGrounds.Decided refused = grounds.requireRefusal(execution);
    Application application = refused.application();
    DecisionLogEntry refusal = refused.decision();
    String rationale = refusal.action() == DecisionAction.DECIDED ? refusal.detail("rationale") : refusal.detail("comments");
    List<String> criteria = criteria(refusal);
    OffsetDateTime decidedAt = OffsetDateTime.now(clock);
    applications.recordDecision(application.id(), ApplicationStatus.REJECTED, "REJECTED", List.of(REVIEW_REFUSED),
        rationale, decidedAt, refusal.actor());
    applications.recordRefusalCriteria(application.id(), criteria);
    decisionLog.record(application.reference(), DecisionAction.REFUSED,
        details("reasons", List.of(REVIEW_REFUSED), "refusalCriteria", criteria, "rationale", rationale,
            "refusedBy", refusal.actor()));
    execution.setVariable(ExportLicenseReviewProcess.DECISION_REASONS, REVIEW_REFUSED);
    execution.setVariable(ExportLicenseReviewProcess.DECISION_RATIONALE_TEXT, rationale);
    // the refusal email: each criterion in words, and the last moment of the right to appeal
    execution.setVariable(ExportLicenseReviewProcess.REFUSAL_CRITERIA_TEXT, wording.labels(criteria));
    execution.setVariable(ExportLicenseReviewProcess.APPEAL_DEADLINE,
        Date.from(decidedAt.toInstant().plus(sla.appealWindow())));
  }
}
