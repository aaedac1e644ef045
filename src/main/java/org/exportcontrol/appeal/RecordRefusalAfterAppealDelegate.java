package org.exportcontrol.appeal;

import static org.exportcontrol.audit.DecisionLog.details;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.AppealRepository;
import org.exportcontrol.application.ApplicationAppealProcess;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordRefusalAfterAppeal}}: the appeal is not granted; the application is REJECTED again,
 * for good (one appeal per application). Its decision stays the refusal that was appealed, with its
 * criteria; the appeal carries the outcome and the deciding officer's rationale. Only on the record
 * ({@link AppealGrounds}).
 */
@Component("recordRefusalAfterAppeal")
@ProcessBean
public class RecordRefusalAfterAppealDelegate implements JavaDelegate {

  private final AppealGrounds grounds;
  private final ApplicationRepository applications;
  private final AppealRepository appeals;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public RecordRefusalAfterAppealDelegate(AppealGrounds grounds, ApplicationRepository applications,
      AppealRepository appeals, DecisionLog decisionLog, Clock clock) {
    this.grounds = grounds;
    this.applications = applications;
    this.appeals = appeals;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AppealGrounds.Decided upheld = grounds.require(execution, ApplicationAppealProcess.REFUSED_AFTER_APPEAL);
    String rationale = upheld.decision().detail("rationale");
    applications.updateStatus(upheld.application().id(), ApplicationStatus.REJECTED);
    appeals.decide(upheld.appeal(), ApplicationAppealProcess.REFUSED_AFTER_APPEAL, rationale, OffsetDateTime.now(clock),
        upheld.decision().actor());
    decisionLog.record(upheld.application().reference(), DecisionAction.REFUSED, details(
        "reasons", List.of(ExportLicenseReviewProcess.REVIEW_REFUSED),
        "refusalCriteria", upheld.application().refusalCriteria(), "rationale", rationale,
        "refusedBy", upheld.decision().actor(), "appeal", upheld.appeal()));
  }
}
