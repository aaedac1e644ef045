package org.exportcontrol.appeal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.AppealRepository;
import org.exportcontrol.application.ApplicationAppealProcess;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.review.IssueLicenseDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${issueLicenseOnAppeal}}: the appeal is granted; the license is issued as for an approval,
 * with the conditions and the rationale of the officer who decided the appeal, and marked issued on
 * appeal. Only on the record ({@link AppealGrounds}: the independent assessment and decision in place
 * of the licensing decision).
 */
@Component("issueLicenseOnAppeal")
@ProcessBean
public class IssueLicenseOnAppealDelegate implements JavaDelegate {

  private final AppealGrounds grounds;
  private final IssueLicenseDelegate issuing;
  private final AppealRepository appeals;
  private final ApplicationRepository applications;
  private final Clock clock;

  public IssueLicenseOnAppealDelegate(AppealGrounds grounds, IssueLicenseDelegate issuing, AppealRepository appeals,
      ApplicationRepository applications, Clock clock) {
    this.applications = applications;
    this.grounds = grounds;
    this.issuing = issuing;
    this.appeals = appeals;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AppealGrounds.Decided granted = grounds.require(execution, ApplicationAppealProcess.APPROVED_ON_APPEAL);
    String rationale = granted.decision().detail("rationale");
    issuing.issue(execution, granted.application(), granted.decision().detail("conditions"), rationale,
        granted.decision().actor(), granted.appeal());
    // the decision is now the approval: the overturned refusal's criteria are no longer its own
    applications.recordRefusalCriteria(granted.application().id(), List.of());
    appeals.decide(granted.appeal(), ApplicationAppealProcess.APPROVED_ON_APPEAL, rationale, OffsetDateTime.now(clock),
        granted.decision().actor());
  }
}
